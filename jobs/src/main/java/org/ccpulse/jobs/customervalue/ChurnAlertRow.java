package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ccpulse.schemas.event.ChurnAlert;
import org.ccpulse.schemas.event.ChurnAlertStatus;
import org.ccpulse.schemas.event.EscalationReason;
import org.ccpulse.schemas.event.Tier;

/**
 * One churn alert event as the tracker emits it: a row of {@code churn_alerts} and, by {@link #toEvent()}, a record
 * of the {@code churn-alerts} topic. The figures are the customer's at {@code tsMs}; M, P, R and delta follow from
 * them. (Not {@link ChurnAlert} itself on the stream: its reasons are a {@link List}, which Flink would serialize
 * generically.)
 *
 * @param alertId        the episode: customer and due moment, the same on all its events and on a replay
 * @param eventId        the alert id, the status and, for an escalation, its reasons: unique, and stable on a replay
 * @param openedAtMs     when the alert opened (its due moment, or later if its tier qualified only later)
 * @param tier           the tier the alert opened with
 * @param lastPurchaseMs the purchase R counts from (the episode's when no purchase is left in the window)
 * @param reasons        the escalation reasons, a bit per {@link EscalationReason#ordinal()}; 0 unless ESCALATED
 */
public record ChurnAlertRow(
        String alertId,
        String eventId,
        String customerId,
        ChurnAlertStatus status,
        long tsMs,
        long openedAtMs,
        Tier tier,
        int f,
        BigDecimal tm,
        long lastPurchaseMs,
        int reasons) {

    static final double DAY_MS = 86_400_000.0;

    /** The scale M is given with: that of {@code churn_alerts.m}, Decimal(18, 4). */
    static final int M_SCALE = 4;

    /** TM / F; 0 when no purchase is left in the window. */
    public BigDecimal m() {
        return f == 0
                ? BigDecimal.ZERO.setScale(M_SCALE)
                : tm.divide(BigDecimal.valueOf(f), M_SCALE, RoundingMode.HALF_EVEN);
    }

    /** P = 365 / F in days; 0 when no purchase is left in the window (the topic has no infinity). */
    public double pDays() {
        return f == 0 ? 0 : 365.0 / f;
    }

    public double rDays() {
        return Math.max(0, tsMs - lastPurchaseMs) / DAY_MS;
    }

    public double deltaDays() {
        return pDays() - rDays();
    }

    public List<EscalationReason> escalationReasons() {
        return reasonList(reasons);
    }

    /** The record of the {@code churn-alerts} topic. */
    public ChurnAlert toEvent() {
        return new ChurnAlert(
                customerId,
                eventId,
                status,
                Instant.ofEpochMilli(tsMs),
                tier,
                f,
                tm,
                m(),
                pDays(),
                rDays(),
                deltaDays(),
                escalationReasons());
    }

    public static int bit(EscalationReason reason) {
        return 1 << reason.ordinal();
    }

    static List<EscalationReason> reasonList(int bits) {
        List<EscalationReason> list = new ArrayList<>();
        for (EscalationReason r : EscalationReason.values()) {
            if ((bits & bit(r)) != 0) {
                list.add(r);
            }
        }
        return list;
    }
}
