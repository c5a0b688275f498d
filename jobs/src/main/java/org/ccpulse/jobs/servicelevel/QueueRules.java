package org.ccpulse.jobs.servicelevel;

import java.io.Serializable;
import java.time.Duration;

/**
 * The service-level rules for one queue and channel: threshold T, short-abandon time S (zero
 * disables short abandons), the target shown beside the figure, and the formula.
 */
public record QueueRules(Duration threshold, Duration shortAbandon, double target, SlFormula formula)
        implements Serializable {

    /** Answered or abandoned within T: wait <= T, compared exactly (sub-millisecond waits included). */
    public boolean withinThreshold(Duration wait) {
        return wait.compareTo(threshold) <= 0;
    }

    /** A caller who hung up before S is a short abandon: wait < S. */
    public boolean isShortAbandon(Duration wait) {
        return wait.compareTo(shortAbandon) < 0;
    }
}
