package org.ccpulse.simulator;

import java.time.Instant;

/**
 * Live mode: holds each record back until the wall clock reaches its delivery time, with the
 * simulated time running {@code speed} times as fast as the wall clock from {@code simStart}.
 */
public final class Pacer {
    private final long wallStartMs;
    private final long simStartMs;
    private final double speed;

    public Pacer(Instant simStart, double speed) {
        this.wallStartMs = System.currentTimeMillis();
        this.simStartMs = simStart.toEpochMilli();
        this.speed = speed;
    }

    /** Sleeps until the wall-clock moment of simulated time {@code simMs}. */
    void awaitSimTime(long simMs) throws InterruptedException {
        long wallTarget = wallStartMs + (long) ((simMs - simStartMs) / speed);
        long ahead = wallTarget - System.currentTimeMillis();
        if (ahead > 1) {
            Thread.sleep(ahead);
        }
    }
}
