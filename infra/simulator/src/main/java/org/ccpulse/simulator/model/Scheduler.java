package org.ccpulse.simulator.model;

import java.util.PriorityQueue;

/**
 * The discrete-event clock: actions run in time order (ties in scheduling order), and the
 * clock jumps from one action to the next. Times are epoch milliseconds.
 */
public final class Scheduler {
    private record Task(long time, long seq, Runnable action) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long seq;
    private long now;

    public Scheduler(long start) {
        this.now = start;
    }

    public long now() {
        return now;
    }

    /** Runs {@code action} at {@code time} (never in the past: a past time means now). */
    public void at(long time, Runnable action) {
        tasks.add(new Task(Math.max(time, now), seq++, action));
    }

    /** Time of the next action, or {@link Long#MAX_VALUE} when nothing is scheduled. */
    public long nextTime() {
        Task next = tasks.peek();
        return next == null ? Long.MAX_VALUE : next.time;
    }

    /** Advances the clock to the next action and runs it. */
    public void runNext() {
        Task next = tasks.poll();
        now = next.time;
        next.action.run();
    }
}
