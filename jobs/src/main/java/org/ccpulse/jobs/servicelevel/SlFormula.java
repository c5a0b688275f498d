package org.ccpulse.jobs.servicelevel;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a queue's service level is counted (METRICS.md); vendors disagree, so it is chosen per queue.
 * Each formula names its numerator and denominator so every figure can be audited.
 */
public enum SlFormula {
    /** answered_in_sl / (answered + abandoned - short_abandoned): the default. */
    ANSWERED("answered"),
    /** (answered_in_sl + abandoned_in_sl) / (answered + abandoned): Amazon Connect's "removed from queue". */
    REMOVED("removed"),
    /** answered_in_sl / answered. */
    ANSWERED_ONLY("answered-only");

    private final String configName;

    SlFormula(String configName) {
        this.configName = configName;
    }

    /** The spelling used in configuration files and stored in ClickHouse. */
    public String configName() {
        return configName;
    }

    public static SlFormula fromConfigName(String name) {
        for (SlFormula f : values()) {
            if (f.configName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown service-level formula '" + name + "', expected one of "
                + Arrays.stream(values()).map(SlFormula::configName).collect(Collectors.joining(", ")));
    }

    public long numerator(QueueCounts c) {
        return this == REMOVED ? c.answeredInSl + c.abandonedInSl : c.answeredInSl;
    }

    public long denominator(QueueCounts c) {
        return switch (this) {
            case ANSWERED -> c.answered + c.abandoned - c.shortAbandoned;
            case REMOVED -> c.answered + c.abandoned;
            case ANSWERED_ONLY -> c.answered;
        };
    }

    /** The service level as a fraction, or NaN when nothing counted (no contacts is not 0 % nor 100 %). */
    public double serviceLevel(QueueCounts c) {
        long d = denominator(c);
        return d == 0 ? Double.NaN : (double) numerator(c) / d;
    }
}
