package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import org.ccpulse.schemas.event.Tier;

/**
 * The value tiers' cut-points over the customers with F >= 1 (METRICS.md "Tiers"): the least TM of {@code top}
 * (the 0.99 quantile of TM), {@code high} (0.95) and {@code mid} (0.80), from a quantile sketch merged over the
 * job's subtasks, as of an event time; what {@code customer_tier_cut_points} holds.
 *
 * @param asOfMs    the event time they are as of (epoch ms)
 * @param customers the customers ranked (F >= 1)
 */
public record TierCutPoints(
        long asOfMs, long customers, BigDecimal topMinTm, BigDecimal highMinTm, BigDecimal midMinTm) {

    /** A customer's tier by its TM. */
    public Tier tierOf(BigDecimal tm) {
        if (tm.compareTo(topMinTm) >= 0) {
            return Tier.TOP;
        }
        if (tm.compareTo(highMinTm) >= 0) {
            return Tier.HIGH;
        }
        return tm.compareTo(midMinTm) >= 0 ? Tier.MID : Tier.LOW;
    }
}
