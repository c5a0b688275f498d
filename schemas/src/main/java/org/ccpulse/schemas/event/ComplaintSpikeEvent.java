package org.ccpulse.schemas.event;

import java.time.Instant;

/**
 * One end of a complaint spike, as on the {@code complaint-spikes} topic (key: {@code key}, the cause or
 * cause group); METRICS.md "Complaints" and jobs/README.md "Complaint spikes" define the detector.
 *
 * @param spikeId    the episode: the same on its OPENED and its CLOSED, and on a replay
 * @param status     OPENED once when the spike opens, CLOSED once when it closes
 * @param level      whether {@code key} is a cause or a cause group
 * @param key        the cause ({@code company.billing}) or cause group ({@code company})
 * @param hourStart  the hour the event speaks of: the opening hour, or the first full hour back to normal
 * @param openedHour the hour the episode opened in (for OPENED, {@code hourStart})
 * @param observed   complaints in that hour; for a partial OPENED, the count when it opened
 * @param expected   the baseline's expected count for that full hour; NaN when the baseline knew nothing of it
 * @param bound      the count above which a quiet hour is a spike (at the configured tail probability)
 * @param score      {@code -log10 P[X >= observed]} under the hour's count distribution (3 = a 1-in-1000 hour)
 * @param partial    true when the spike opened before its hour was over
 */
public record ComplaintSpikeEvent(
        String spikeId,
        ComplaintSpikeStatus status,
        ComplaintSpikeLevel level,
        String key,
        Instant hourStart,
        Instant openedHour,
        long observed,
        double expected,
        long bound,
        double score,
        boolean partial) {}
