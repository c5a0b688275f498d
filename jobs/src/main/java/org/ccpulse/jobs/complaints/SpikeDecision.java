package org.ccpulse.jobs.complaints;

import java.util.List;

/**
 * What the detector made of an hour (or of an hour so far).
 *
 * @param hourStartMs the hour evaluated
 * @param observed its count (so far)
 * @param expected the baseline's expected count for the full hour; NaN before anything is known
 * @param bound the count above which a full quiet hour is a spike (at the tail probability); -1 when unknown
 * @param closeThreshold the count at or below which an open spike closes; -1 when unknown
 * @param score {@code -log10 P[X >= observed]}; 0 when unknown
 * @param warmedUp whether this hour of the week has enough history to open a spike
 * @param open whether a spike is open after this hour
 * @param events the spike events this call produced, oldest first (usually none; at most one per hour)
 */
public record SpikeDecision(
        long hourStartMs,
        long observed,
        double expected,
        long bound,
        long closeThreshold,
        double score,
        boolean warmedUp,
        boolean open,
        List<ComplaintSpike> events) {

    public SpikeDecision {
        events = List.copyOf(events);
    }

    /** Whether the hour's count is above its bound (whether or not that opened a spike). */
    public boolean aboveBound() {
        return bound >= 0 && observed > bound;
    }
}
