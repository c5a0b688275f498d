package org.ccpulse.jobs.customervalue;

import java.util.List;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;

/** How the customer-value job's rows map onto its ClickHouse tables (schemas/clickhouse 0070, 0071). */
public final class CustomerValueTables {

    private CustomerValueTables() {}

    /** customer_rfm_state; written_at is left to its default. */
    public static final ClickHouseTable<CustomerFigures> RFM_STATE = ClickHouseTable.<CustomerFigures>named(
                    "customer_rfm_state")
            .text("customer_id", CustomerFigures::customerId)
            .integer("f", CustomerFigures::f)
            .decimal("tm", CustomerFigures::tm)
            .nullableUtc(
                    "last_purchase_at", r -> r.lastPurchaseMs() == CustomerFigures.NONE ? null : r.lastPurchaseMs())
            .utc("changed_at", CustomerFigures::asOfMs)
            .integer("version", CustomerFigures::version);

    /** customer_tier_cut_points; written_at is left to its default. */
    public static final ClickHouseTable<TierCutPoints> TIER_CUT_POINTS = ClickHouseTable.<TierCutPoints>named(
                    "customer_tier_cut_points")
            .utc("as_of", TierCutPoints::asOfMs)
            .integer("customers", TierCutPoints::customers)
            .decimal("top_min_tm", TierCutPoints::topMinTm)
            .decimal("high_min_tm", TierCutPoints::highMinTm)
            .decimal("mid_min_tm", TierCutPoints::midMinTm);

    /** Every table this job writes. */
    public static final List<ClickHouseTable<?>> ALL = List.of(RFM_STATE, TIER_CUT_POINTS);
}
