package org.ccpulse.simulator.model;

/**
 * Gives each working agent of a queue an 8-hour shift so that staffing follows the arrival
 * curve: first one agent each at 00:00, 08:00 and 16:00 (the queue is never unstaffed), then
 * greedily the start that covers the largest remaining relative shortfall (so quiet night hours
 * count as much as busy ones). Staffing comes in steps
 * while demand is smooth, so some hours end up under- and others over-staffed, as in life.
 */
public final class ShiftPlanner {
    public static final int SLOT_MINUTES = 15;
    public static final int SLOTS = 24 * 60 / SLOT_MINUTES;
    public static final int SHIFT_MINUTES = 8 * 60;
    /** Allowed shift starts, minutes after local midnight. */
    static final int[] STARTS = {0, 360, 420, 480, 540, 600, 660, 720, 780, 840, 900, 960};

    private static final int[] COVERAGE = {0, 480, 960};

    private ShiftPlanner() {}

    /** Shift start (minutes after local midnight) for each of {@code agents} agents. */
    public static int[] plan(int agents) {
        double[] target = new double[SLOTS];
        double curveSum = 0;
        for (int s = 0; s < SLOTS; s++) {
            target[s] = ArrivalCurve.atHour((s + 0.5) * SLOT_MINUTES / 60.0);
            curveSum += target[s];
        }
        // Each agent covers a third of the day, so the staff-slots to hand out are agents * SLOTS / 3.
        double scale = agents * (SLOTS / 3.0) / curveSum;
        for (int s = 0; s < SLOTS; s++) {
            target[s] *= scale;
        }
        int[] starts = new int[agents];
        int[] staffed = new int[SLOTS];
        for (int a = 0; a < agents; a++) {
            int start = a < COVERAGE.length && agents >= COVERAGE.length ? COVERAGE[a] : bestStart(target, staffed);
            starts[a] = start;
            for (int s = start / SLOT_MINUTES; s < (start + SHIFT_MINUTES) / SLOT_MINUTES; s++) {
                staffed[s]++;
            }
        }
        return starts;
    }

    private static int bestStart(double[] target, int[] staffed) {
        int best = STARTS[0];
        double bestGain = Double.NEGATIVE_INFINITY;
        for (int start : STARTS) {
            double gain = 0;
            for (int s = start / SLOT_MINUTES; s < (start + SHIFT_MINUTES) / SLOT_MINUTES; s++) {
                gain += Math.max(0, target[s] - staffed[s]) / target[s];
            }
            if (gain > bestGain) {
                bestGain = gain;
                best = start;
            }
        }
        return best;
    }
}
