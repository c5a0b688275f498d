package org.ccpulse.jobs.servicelevel;

import java.time.Duration;

/**
 * The additive figures of one queue and channel over some stretch of time (METRICS.md, "Queue
 * metrics"). Every rate the views show is derived from these sums, so figures of any windows add up.
 * Public mutable fields keep it a cheap Flink POJO in keyed state.
 */
public class QueueCounts {
    public long answered;
    public long answeredInSl;
    public long abandoned;
    public long shortAbandoned;
    public long abandonedInSl;
    /** Sum of waits of answered contacts, for ASA. */
    public long answeredWaitMs;
    /** Longest wait among answered and abandoned contacts. */
    public long maxWaitMs;
    /** COMPLETED contacts and the sum of their talk + hold + wrap, for AHT. */
    public long handled;

    public long handleMs;
    /**
     * How many contact facts went into these figures. Facts only ever add, so a higher count is a
     * later, fuller state of the same figures: it serves as the row version in ClickHouse.
     */
    public long facts;

    public void addAnswered(Duration wait, QueueRules rules) {
        answered++;
        if (rules.withinThreshold(wait)) {
            answeredInSl++;
        }
        answeredWaitMs += wait.toMillis();
        noteWait(wait);
    }

    public void addAbandoned(Duration wait, QueueRules rules) {
        abandoned++;
        if (rules.isShortAbandon(wait)) {
            shortAbandoned++;
        }
        if (rules.withinThreshold(wait)) {
            abandonedInSl++;
        }
        noteWait(wait);
    }

    public void addCompleted(Duration handleTime) {
        handled++;
        handleMs += handleTime.toMillis();
        facts++;
    }

    /** A snapshot to emit: state keeps changing after the row leaves the operator. */
    public QueueCounts copy() {
        QueueCounts c = new QueueCounts();
        c.answered = answered;
        c.answeredInSl = answeredInSl;
        c.abandoned = abandoned;
        c.shortAbandoned = shortAbandoned;
        c.abandonedInSl = abandonedInSl;
        c.answeredWaitMs = answeredWaitMs;
        c.maxWaitMs = maxWaitMs;
        c.handled = handled;
        c.handleMs = handleMs;
        c.facts = facts;
        return c;
    }

    private void noteWait(Duration wait) {
        maxWaitMs = Math.max(maxWaitMs, wait.toMillis());
        facts++;
    }
}
