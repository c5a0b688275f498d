package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;

/**
 * A customer's value figures after a change (a purchase, a refund, or one of them leaving the 365-day window),
 * as the RFM tracker emits them: what the churn alert tracker judges and what {@code customer_rfm_state} holds.
 * P, R and delta are not here: they follow from these and the time of judging.
 *
 * @param customerId     the customer
 * @param f              purchases in the trailing 365 days
 * @param tm             purchases minus refunds in the trailing 365 days, exact
 * @param lastPurchaseMs the last purchase in the window (epoch ms), {@link #NONE} when f is 0
 * @param asOfMs         the event time of the change (epoch ms)
 * @param version        grows with every change of the customer, across a cleanup too (the change's event
 *                       time in ms x 1,000 + the changes of the customer in that ms), so the newest row wins
 */
public record CustomerFigures(String customerId, int f, BigDecimal tm, long lastPurchaseMs, long asOfMs, long version) {

    public static final long NONE = Long.MIN_VALUE;

    /** The average purchase period P = 365 / F in days; infinite when F is 0. */
    public double periodDays() {
        return f == 0 ? Double.POSITIVE_INFINITY : 365.0 / f;
    }

    /** Days since the last purchase at {@code atMs} (R); infinite when F is 0. */
    public double recencyDays(long atMs) {
        return f == 0 ? Double.POSITIVE_INFINITY : Math.max(0, atMs - lastPurchaseMs) / 86_400_000.0;
    }
}
