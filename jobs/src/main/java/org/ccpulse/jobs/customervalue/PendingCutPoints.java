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

    public PendingCutPoints() {}
}
