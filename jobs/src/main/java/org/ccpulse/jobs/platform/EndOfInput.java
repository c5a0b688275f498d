package org.ccpulse.jobs.platform;

/**
 * How an operator tells that a bounded input has ended rather than that time has passed. At the end
 * of a bounded run Flink advances event time to the end of time, which fires every event-time timer.
 * A timer that would settle something because time passed (a window closing, a customer becoming
 * overdue, a waiting contact given up on) must not act then: the figures stand as of the input's
 * last event, with what is still open left open (provisional). Timers that only write out what has
 * been counted may run as usual.
 */
public final class EndOfInput {

    /** The event time at which a timer fires only when a bounded input ends: to write out what it holds then. */
    public static final long TIME = Long.MAX_VALUE;

    private EndOfInput() {}

    /** Whether a timer firing at this watermark fires only because the input ended. */
    public static boolean reached(long currentWatermark) {
        return currentWatermark == TIME;
    }
}
