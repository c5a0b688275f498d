package org.ccpulse.jobs.customervalue;

/**
 * One RFM tracker subtask's KLL sketch of the TM of its customers with F >= 1, for one {@link Tick}; the
 * {@link TierCutPointsMerger} merges those of every subtask.
 *
 * @param tick        the tick it answers
 * @param subtask     the subtask's index
 * @param parallelism how many subtasks answer each tick
 * @param sketch      the serialized {@code KllDoublesSketch} ({@link TierSketches})
 */
public record TierSketch(Tick tick, int subtask, int parallelism, byte[] sketch) {}
