package org.ccpulse.jobs.customervalue;

/**
 * A request to every RFM tracker subtask to sketch its customers' TM now, from {@link TierTicks}.
 *
 * @param id     tells the subtasks' sketches of one tick apart from those of another: the tick's event time,
 *               {@link org.ccpulse.jobs.platform.EndOfInput#TIME} for the last one of a bounded input
 * @param asOfMs the event time reached when it was sent (epoch ms); for the last tick the last real watermark
 *               ({@link CustomerFigures#NONE} if there was none)
 * @param last   the end of a bounded input: the cut-points are then as of the input's last event
 */
public record Tick(long id, long asOfMs, boolean last) {}
