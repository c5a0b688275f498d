package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import org.ccpulse.schemas.event.Tier;

/**
 * What the churn alert tracker keeps per customer (a Flink POJO: one value state, so a customer is one entry): the
 * latest figures, the open alert, the activity that can escalate it, and the timers set.
 */
public class ChurnCustomerState {

    public static final long NONE = Long.MIN_VALUE;

    // The latest figures (hasFigures false until the first arrives).
    public boolean hasFigures;
    public int f;
    public BigDecimal tm = BigDecimal.ZERO;
    public long lastPurchaseMs = NONE;
    public long figuresAsOfMs = NONE;
    public long figuresVersion = NONE;

    // The open alert (alertId null when none).
    public String alertId;
    public long openedAtMs = NONE;
    public Tier openedTier;
    /** The purchase the episode is overdue from: a later purchase resolves it. */
    public long episodeLastPurchaseMs = NONE;
    /** The reasons its escalations gave so far, a bit per reason. */
    public int reasonsGiven;

    // Activity.
    public long lastComplaintMs = NONE;
    public long lastRepeatContactMs = NONE;
    public int openTickets;

    // Timers.
    public long dueTimerMs = NONE;
    public long cleanupTimerMs = NONE;

    public ChurnCustomerState() {}

    boolean alertOpen() {
        return alertId != null;
    }

    /** Whether there are figures with a purchase in the window. */
    boolean buying() {
        return hasFigures && f > 0;
    }
}
