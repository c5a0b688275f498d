package org.ccpulse.jobs.servicelevel;

import java.util.List;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;

/** How the service-level job's rows map onto its ClickHouse tables (schemas/clickhouse). */
public final class ServiceLevelTables {

    private ServiceLevelTables() {}

    /** queue_minute; written_at is left to its default. */
    public static final ClickHouseTable<QueueMinuteRow> QUEUE_MINUTE = ClickHouseTable.<QueueMinuteRow>named(
                    "queue_minute")
            .text("queue", r -> r.queue)
            .text("channel", r -> r.channel.wire())
            .utc("minute_start", r -> r.minuteStartMs)
            .utc("interval_start", r -> r.intervalStartMs)
            .date("business_date", r -> r.businessDay)
            .integer("answered", r -> r.counts.answered)
            .integer("answered_in_sl", r -> r.counts.answeredInSl)
            .integer("abandoned", r -> r.counts.abandoned)
            .integer("short_abandoned", r -> r.counts.shortAbandoned)
            .integer("abandoned_in_sl", r -> r.counts.abandonedInSl)
            .integer("answered_wait_ms", r -> r.counts.answeredWaitMs)
            .integer("max_wait_ms", r -> r.counts.maxWaitMs)
            .integer("handled", r -> r.counts.handled)
            .integer("handle_ms", r -> r.counts.handleMs)
            .integer("sl_threshold_s", r -> r.thresholdS)
            .integer("short_abandon_s", r -> r.shortAbandonS)
            .floating("sl_target", r -> r.target)
            .text("sl_formula", r -> r.formula.configName())
            .integer("version", r -> r.counts.facts);

    public static final ClickHouseTable<QueueLiveRow> QUEUE_LIVE = ClickHouseTable.<QueueLiveRow>named("queue_live")
            .text("queue", r -> r.queue)
            .text("channel", r -> r.channel.wire())
            .integer("waiting", r -> r.waiting)
            .nullableUtc("oldest_queued_at", r -> r.oldestQueuedAtMs)
            .utc("as_of", r -> r.asOfMs);

    /** Every table this job writes. */
    public static final List<ClickHouseTable<?>> ALL = List.of(QUEUE_MINUTE, QUEUE_LIVE);
}
