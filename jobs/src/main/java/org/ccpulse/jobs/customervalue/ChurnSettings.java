package org.ccpulse.jobs.customervalue;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.ccpulse.schemas.event.Tier;

/**
 * The churn alert rules' parameters (METRICS.md "Churn alerts"), with METRICS.md's defaults.
 *
 * @param alertedTiers        the tiers whose customers are alerted on
 * @param minPurchases        the least F (purchases in 365 days) an alerted customer has
 * @param k                   an alert opens when R exceeds k x P
 * @param escalationWindow    how far back a complaint or a repeat contact escalates an alert
 * @param repeatContactWindow an inbound contact started this long after the customer's previous inbound contact
 *                            completed is a repeat contact
 * @param openTicketMaxAge    a ticket opened (or reopened) this long ago and never resolved or closed no longer
 *                            counts as open: the help desk lost it, and the state it takes is freed
 * @param allowedLateness     the shared allowed lateness: how long an event may arrive after its event time, so how
 *                            long a contact or a closed ticket is kept for events of it that are still on their way
 */
public record ChurnSettings(
        Set<Tier> alertedTiers,
        int minPurchases,
        double k,
        Duration escalationWindow,
        Duration repeatContactWindow,
        Duration openTicketMaxAge,
        Duration allowedLateness)
        implements Serializable {

    public ChurnSettings {
        alertedTiers = alertedTiers.isEmpty() ? EnumSet.noneOf(Tier.class) : EnumSet.copyOf(alertedTiers);
        if (minPurchases < 1) {
            throw new IllegalArgumentException("min_purchases must be at least 1, got " + minPurchases);
        }
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("k must be a positive number, got " + k);
        }
        for (Duration d : new Duration[] {escalationWindow, repeatContactWindow, openTicketMaxAge}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("churn alert windows must be positive, got " + d);
            }
        }
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative, got " + allowedLateness);
        }
    }

    /** METRICS.md's defaults: top and high, F >= 2, k = 1.0, 30 days, 168 hours; open tickets age out after 90 days. */
    public static ChurnSettings defaults(Duration allowedLateness) {
        return new ChurnSettings(
                EnumSet.of(Tier.TOP, Tier.HIGH),
                2,
                1.0,
                Duration.ofDays(30),
                Duration.ofHours(168),
                Duration.ofDays(90),
                allowedLateness);
    }

    /** The moment a customer with {@code f} purchases, the last at {@code lastPurchaseMs}, becomes overdue: R = k x P. */
    public long dueMs(long lastPurchaseMs, int f) {
        return lastPurchaseMs + Math.round(k * 365.0 / f * 86_400_000.0);
    }
}
