package org.ccpulse.jobs.customervalue;

/**
 * The subtasks' sketches of one tick that have arrived so far, merged (a Flink POJO): the {@link TierCutPointsMerger}'s
 * state until the last subtask's arrives.
 */
public class PendingCutPoints {
    /** The serialized merge of the sketches so far. */
    public byte[] merged;
    /** Which subtasks' sketches have arrived, by index. */
    public boolean[] arrived = new boolean[0];
    /** The latest event time an arrived sketch stands at ({@link TierSketch#asOfMs}). */
    public long asOfMs = Long.MIN_VALUE;
    /** Whether a subtask answered before its first watermark (its figures are at no event time yet). */
    public boolean beforeTime;

    public PendingCutPoints() {}
}
