package org.ccpulse.jobs.complaints;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;

/**
 * The complaint spike detector's parameters (jobs/README.md "Complaint spikes"), read from the
 * {@code spikes:} mapping of the {@code complaints:} section:
 *
 * <pre>
 * complaints:
 *   spikes:
 *     tail_probability: 0.001   # per hour: P(a quiet hour is above the bound)
 *     close_quantile: 0.90      # a spike closes at the first full hour at or below this quantile
 *     min_count: 5              # fewer complaints in an hour never open a spike
 *     min_ratio: 2.0            # nor fewer than this many times the expected count
 *     warmup_weeks: 2           # no spike before every hour of the week was seen this many times
 *     half_life_weeks: 4        # the baseline forgets half its weight in this many weeks
 *     shrinkage_weeks: 2        # pseudo-weeks of the pooled estimate in each hour-of-week's mean
 * </pre>
 *
 * @param tailProbability the upper tail per hour at which the bound is set: on a quiet hour whose
 *     baseline is right, P(observed > bound) <= tailProbability
 * @param closeQuantile the quantile of the expected count at or below which an open spike closes
 * @param minCount the least count (in the hour, or so far in it) that can open a spike
 * @param minRatio the least ratio of count to expected count that can open a spike
 * @param warmupWeeks how many observations each hour-of-week needs before it can open a spike
 * @param halfLifeWeeks the half-life of the exponentially weighted baseline, in weeks
 * @param shrinkageWeeks the weight, in weeks of observations, of the pooled estimate (day level times
 *     hour-of-day profile) in an hour-of-week's expected count
 */
public record SpikeSettings(
        double tailProbability,
        double closeQuantile,
        int minCount,
        double minRatio,
        int warmupWeeks,
        double halfLifeWeeks,
        double shrinkageWeeks)
        implements Serializable {

    public static final SpikeSettings DEFAULTS = new SpikeSettings(0.001, 0.90, 5, 2.0, 2, 4.0, 2.0);

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public SpikeSettings {
        check(tailProbability > 0 && tailProbability < 0.5, "tail_probability must be in (0, 0.5)", tailProbability);
        check(
                closeQuantile > 0 && closeQuantile < 1 - tailProbability,
                "close_quantile must be in (0, 1 - tail_probability)",
                closeQuantile);
        check(minCount >= 1, "min_count must be >= 1", minCount);
        check(minRatio >= 1, "min_ratio must be >= 1", minRatio);
        check(warmupWeeks >= 1, "warmup_weeks must be >= 1", warmupWeeks);
        check(halfLifeWeeks >= 0.5 && halfLifeWeeks <= 520, "half_life_weeks must be in [0.5, 520]", halfLifeWeeks);
        check(shrinkageWeeks >= 0 && shrinkageWeeks <= 520, "shrinkage_weeks must be in [0, 520]", shrinkageWeeks);
    }

    /** The weight of a new observation in an exponentially weighted mean updated once per week. */
    public double weeklyAlpha() {
        return alpha(1);
    }

    /** The same forgetting for a mean updated {@code updatesPerWeek} times a week. */
    public double alpha(double updatesPerWeek) {
        return 1 - Math.pow(0.5, 1 / (halfLifeWeeks * updatesPerWeek));
    }

    /**
     * The settings in a {@code spikes:} mapping; a missing or null node gives the defaults, each key
     * missing from it its default. Unknown keys and values out of range are refused with the key named.
     */
    public static SpikeSettings fromYaml(JsonNode spikes, String path) {
        if (spikes == null || spikes.isMissingNode() || spikes.isNull()) {
            return DEFAULTS;
        }
        Section s;
        try {
            s = MAPPER.treeToValue(spikes, Section.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + ": " + e.getOriginalMessage(), e);
        }
        try {
            return new SpikeSettings(
                    s.tailProbability == null ? DEFAULTS.tailProbability : s.tailProbability,
                    s.closeQuantile == null ? DEFAULTS.closeQuantile : s.closeQuantile,
                    s.minCount == null ? DEFAULTS.minCount : s.minCount,
                    s.minRatio == null ? DEFAULTS.minRatio : s.minRatio,
                    s.warmupWeeks == null ? DEFAULTS.warmupWeeks : s.warmupWeeks,
                    s.halfLifeWeeks == null ? DEFAULTS.halfLifeWeeks : s.halfLifeWeeks,
                    s.shrinkageWeeks == null ? DEFAULTS.shrinkageWeeks : s.shrinkageWeeks);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + e.getMessage(), e);
        }
    }

    private record Section(
            @JsonProperty("tail_probability") Double tailProbability,
            @JsonProperty("close_quantile") Double closeQuantile,
            @JsonProperty("min_count") Integer minCount,
            @JsonProperty("min_ratio") Double minRatio,
            @JsonProperty("warmup_weeks") Integer warmupWeeks,
            @JsonProperty("half_life_weeks") Double halfLifeWeeks,
            @JsonProperty("shrinkage_weeks") Double shrinkageWeeks) {}

    private static void check(boolean ok, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(rule + ", was " + value);
        }
    }
}
