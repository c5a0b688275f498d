package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * False alarms on weeks of seasonal Poisson traffic with no surge (jobs/README.md "Complaint spikes").
 * The documented rate: each evaluated hour opens a spike with probability at most the tail
 * probability p, so at most {@code 168 p} spikes per cause and week (0.168 at p = 0.001).
 */
class SpikeFalseAlarmTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final int WEEKS = 14;
    static final int SEEDS = 25;
    /** Busy to sparse: peaks per hour on a weekday. */
    static final double[] PEAKS = {40, 10, 3, 0.8};

    /** Alarms and hours of one cause's simulated run. */
    record Run(int opened, int evaluatedHours, int hoursAboveBound) {}

    static Run run(SpikeSettings settings, double peak, long seed, int weeks) {
        SpikeDetector detector = new SpikeDetector(settings, BERLIN);
        SpikeBaseline state = SpikeBaseline.create(SpikeLevel.CAUSE, "c" + peak);
        SeasonalTraffic traffic = new SeasonalTraffic(peak, seed);
        // Monday 2025-09-01: 14 weeks take it across the end of daylight saving time (2025-10-26).
        ZonedDateTime hour = LocalDate.of(2025, 9, 1).atStartOfDay(BERLIN);
        ZonedDateTime end = hour.plusWeeks(weeks);
        int opened = 0;
        int evaluated = 0;
        int above = 0;
        for (; hour.isBefore(end); hour = hour.plusHours(1)) {
            long count = traffic.sample(traffic.rate(hour));
            SpikeDecision d = detector.observeHour(state, hour.toInstant().toEpochMilli(), count);
            if (d.warmedUp()) {
                evaluated++;
                if (d.aboveBound()) {
                    above++;
                }
            }
            opened += (int) d.events().stream()
                    .filter(e -> e.status() == ComplaintSpike.Status.OPENED)
                    .count();
        }
        return new Run(opened, evaluated, above);
    }

    @Test
    void quietSeasonalWeeksRaiseAtMostTheDocumentedRate() {
        SpikeSettings settings = SpikeSettings.DEFAULTS;
        double documentedPerWeek = 168 * settings.tailProbability();
        int warmupWeeks = settings.warmupWeeks();
        int totalOpened = 0;
        double totalCauseWeeks = 0;
        for (double peak : PEAKS) {
            int opened = 0;
            int evaluated = 0;
            int above = 0;
            for (long seed = 1; seed <= SEEDS; seed++) {
                Run r = run(settings, peak, seed * 7919 + (long) (peak * 100), WEEKS);
                opened += r.opened;
                evaluated += r.evaluatedHours;
                above += r.hoursAboveBound;
            }
            double causeWeeks = evaluated / 168.0;
            System.out.printf(
                    "peak %5.1f/h: %d spikes in %.1f cause-weeks = %.3f per cause-week; hours above bound %d of %d = %.5f%n",
                    peak, opened, causeWeeks, opened / causeWeeks, above, evaluated, above / (double) evaluated);
            assertThat(causeWeeks).isCloseTo(SEEDS * (WEEKS - warmupWeeks), org.assertj.core.data.Offset.offset(1.0));
            assertThat(opened / causeWeeks)
                    .as("spikes per cause-week at peak %s", peak)
                    .isLessThanOrEqualTo(documentedPerWeek);
            totalOpened += opened;
            totalCauseWeeks += causeWeeks;
        }
        System.out.printf(
                "all: %d spikes in %.0f cause-weeks = %.3f per cause-week (documented <= %.3f)%n",
                totalOpened, totalCauseWeeks, totalOpened / totalCauseWeeks, documentedPerWeek);
    }

    /** The measurement has teeth: a ten times larger tail, with no minimum count or ratio, is far above the rate. */
    @Test
    void aLaxDetectorExceedsTheDocumentedRate() {
        SpikeSettings lax = new SpikeSettings(0.01, 0.9, 1, 1.0, 2, 4, 2);
        int opened = 0;
        int evaluated = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Run r = run(lax, 10, seed, WEEKS);
            opened += r.opened;
            evaluated += r.evaluatedHours;
        }
        assertThat(opened / (evaluated / 168.0)).isGreaterThan(168 * SpikeSettings.DEFAULTS.tailProbability());
    }
}
