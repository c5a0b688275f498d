package org.ccpulse.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShiftPlannerTest {

    @Test
    void everyAgentGetsAnEightHourShiftInsideTheDay() {
        int[] starts = ShiftPlanner.plan(60);

        assertThat(starts).hasSize(60);
        for (int start : starts) {
            assertThat(start).isBetween(0, 24 * 60 - ShiftPlanner.SHIFT_MINUTES);
        }
    }

    @Test
    void staffingFollowsTheArrivalCurveAndNeverLeavesTheQueueEmpty() {
        int[] staffed = staffedPerSlot(ShiftPlanner.plan(60));

        assertThat(java.util.Arrays.stream(staffed).min().orElseThrow()).isPositive();
        assertThat(staffed[slot(10.5)]).isGreaterThan(5 * staffed[slot(3)]);
        assertThat(staffed[slot(15)]).isGreaterThan(staffed[slot(21)]);
    }

    @Test
    void threeAgentsCoverTheWholeDay() {
        assertThat(staffedPerSlot(ShiftPlanner.plan(3))).containsOnly(1);
    }

    private static int[] staffedPerSlot(int[] starts) {
        int[] staffed = new int[ShiftPlanner.SLOTS];
        for (int start : starts) {
            for (int m = start; m < start + ShiftPlanner.SHIFT_MINUTES; m += ShiftPlanner.SLOT_MINUTES) {
                staffed[m / ShiftPlanner.SLOT_MINUTES]++;
            }
        }
        return staffed;
    }

    private static int slot(double hour) {
        return (int) (hour * 60 / ShiftPlanner.SLOT_MINUTES);
    }
}
