package org.ccpulse.jobs.bench;

/** Percentiles of a sorted sample by the nearest-rank method: every figure is a value that occurred. */
public final class Percentiles {

    private Percentiles() {}

    /** The smallest value with at least {@code percent}% of the sample at or below it. */
    public static long nearestRank(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
