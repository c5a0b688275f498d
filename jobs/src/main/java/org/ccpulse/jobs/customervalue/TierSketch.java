package org.ccpulse.jobs.customervalue;

/**
 * One RFM tracker subtask's KLL sketch of the TM of its customers with F >= 1, for one {@link Tick}; the
 * {@link TierCutPointsMerger} merges those of every subtask.
 *
 * @param tick        the tick it answers
 * @param asOfMs      the event time the sketched figures stand at: the subtask's watermark when it sketched them
 *                    (every order up to it applied, none after it); {@code Long.MIN_VALUE} before its first
 * @param subtask     the subtask's index
 * @param parallelism how many subtasks answer each tick
 * @param sketch      the serialized {@code KllDoublesSketch} ({@link TierSketches})
 */
public record TierSketch(Tick tick, long asOfMs, int subtask, int parallelism, byte[] sketch) {}
