package org.ccpulse.schemas.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One step of a churn alert's lifecycle, as on the {@code churn-alerts} topic (key
 * {@code customer_id}); the RFM figures are the customer's at {@code ts} (METRICS.md).
 *
 * @param customerId        the customer
 * @param eventId           unique id of this alert event, so consumers can drop redeliveries
 * @param status            OPENED, ESCALATED or RESOLVED
 * @param ts                when the step happened
 * @param tier              the customer's value tier
 * @param f                 number of purchases in the trailing 365 days
 * @param tm                total monetary value: purchases minus refunds, exact (money is never a double)
 * @param m                 monetary value per purchase, TM / F, exact to the scale the producer chose
 * @param pDays             average purchase period P = 365 / F, in days
 * @param rDays             days since the last purchase (fractional)
 * @param deltaDays         P - R in days; negative when overdue
 * @param escalationReasons why it escalated; empty unless status is ESCALATED
 */
public record ChurnAlert(
        String customerId,
        String eventId,
        ChurnAlertStatus status,
        Instant ts,
        Tier tier,
        int f,
        BigDecimal tm,
        BigDecimal m,
        double pDays,
        double rDays,
        double deltaDays,
        List<EscalationReason> escalationReasons) {

    public ChurnAlert {
        escalationReasons = List.copyOf(escalationReasons);
    }
}
