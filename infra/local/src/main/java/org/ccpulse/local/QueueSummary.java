package org.ccpulse.local;

/**
 * One queue's line of the terminal summary (all channels together; queue {@code all} is the whole center).
 *
 * @param serviceLevel60m service level over the last 60 minutes, 0..1; null when nothing counted yet
 * @param target          the queue's target, 0..1; null when unknown or mixed (the center)
 * @param waiting         contacts waiting now
 * @param oldestWaitS     seconds the oldest of them has waited; null when none waits
 * @param answeredToday   answered so far in the business day
 */
public record QueueSummary(
        String queue, Double serviceLevel60m, Double target, long waiting, Long oldestWaitS, long answeredToday) {

    /** Below target, when both are known. */
    public boolean belowTarget() {
        return serviceLevel60m != null && target != null && serviceLevel60m < target;
    }
}
