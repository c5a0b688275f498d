package org.ccpulse.jobs.customervalue;

import java.math.RoundingMode;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.schemas.event.EscalationReason;

/** How churn alert events map onto {@code churn_alerts} (schemas/clickhouse/0072); written_at is left to its default. */
public final class ChurnAlertTables {

    private ChurnAlertTables() {}

    /** The scale of the table's Decimal(18, 4) columns. */
    static final int MONEY_SCALE = 4;

    public static final ClickHouseTable<ChurnAlertRow> ALERTS = ClickHouseTable.<ChurnAlertRow>named("churn_alerts")
            .text("alert_id", ChurnAlertRow::alertId)
            .text("event_id", ChurnAlertRow::eventId)
            .text("customer_id", ChurnAlertRow::customerId)
            .text("status", r -> r.status().name())
            .utc("ts", ChurnAlertRow::tsMs)
            .utc("opened_at", ChurnAlertRow::openedAtMs)
            .text("tier", r -> r.tier().wire())
            .integer("f", ChurnAlertRow::f)
            .column("tm", (st, i, r) -> st.setBigDecimal(i, r.tm().setScale(MONEY_SCALE, RoundingMode.HALF_EVEN)))
            .column("m", (st, i, r) -> st.setBigDecimal(i, r.m()))
            .floating("p_days", ChurnAlertRow::pDays)
            .floating("r_days", ChurnAlertRow::rDays)
            .floating("delta_days", ChurnAlertRow::deltaDays)
            .column(
                    "escalation_reasons",
                    (st, i, r) -> st.setArray(
                            i,
                            st.getConnection()
                                    .createArrayOf(
                                            "String",
                                            r.escalationReasons().stream()
                                                    .map(EscalationReason::wire)
                                                    .toArray(String[]::new))));
}
