package org.ccpulse.jobs.customervalue;

/**
 * A request to every RFM tracker subtask to sketch its customers' TM now, from {@link TierTicks}.
 *
 * @param asOfMs the event time reached when it was sent (epoch ms): the cut-points' as_of, and what tells the
 *               subtasks' sketches of one tick apart from those of another
 */
public record Tick(long asOfMs) {}
