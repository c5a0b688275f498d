package org.ccpulse.jobs.customervalue;

/**
 * A request to every RFM tracker subtask to sketch its customers' TM now, from {@link TierTicks}.
 *
 * @param watermarkMs the event time {@link TierTicks} had reached when it sent it (epoch ms): what tells the
 *                    subtasks' sketches of one tick apart from those of another. Not the cut-points' as_of: a
 *                    subtask answers with its figures as they stand at its own watermark ({@link TierSketch#asOfMs})
 */
public record Tick(long watermarkMs) {}
