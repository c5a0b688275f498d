package org.ccpulse.jobs.complaints;

import java.time.Instant;
import java.util.List;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.schemas.event.ComplaintSpikeEvent;
import org.ccpulse.schemas.event.ComplaintSpikeLevel;
import org.ccpulse.schemas.event.ComplaintSpikeStatus;

/** How the complaints job's rows map onto its ClickHouse tables (schemas/clickhouse 0040, 0041, 0042) and its topic. */
public final class ComplaintsTables {

    private ComplaintsTables() {}

    /** complaints_hour; written_at is left to its default. */
    public static final ClickHouseTable<ComplaintHourRow> HOURS = ClickHouseTable.<ComplaintHourRow>named(
                    "complaints_hour")
            .utc("hour_start", r -> r.hourStartMs)
            .date("business_date", r -> r.businessDay)
            .text("cause", r -> r.cause)
            .text("cause_group", r -> r.causeGroup)
            .text("product", r -> r.product)
            .text("department", r -> r.department)
            .text("channel", r -> r.channel)
            .integer("complaints", r -> r.complaints)
            .integer("reopens", r -> r.reopens)
            .integer("version", r -> r.version);

    /** complaint_lifecycle; written_at is left to its default. */
    public static final ClickHouseTable<ComplaintLifecycleRow> LIFECYCLE = ClickHouseTable.<ComplaintLifecycleRow>named(
                    "complaint_lifecycle")
            .date("business_date", r -> r.businessDay)
            .text("ticket_id", r -> r.ticketId)
            .text("customer_id", r -> r.customerId)
            .utc("opened_at", r -> r.openedAtMs)
            .text("cause", r -> r.cause)
            .text("cause_group", r -> r.causeGroup)
            .text("product", r -> r.product)
            .text("department", r -> r.department)
            .text("channel", r -> r.channel)
            .text("severity", r -> r.severity)
            .nullableUtc("due_at", r -> r.dueAtMs)
            .nullableUtc("first_resolved_at", r -> r.firstResolvedAtMs)
            .nullableUtc("closed_at", r -> r.closedAtMs)
            .integer("reopens", r -> r.reopens)
            .text("status", r -> r.status)
            .integer("version", r -> r.version);

    /** complaint_spikes; written_at is left to its default. */
    public static final ClickHouseTable<ComplaintSpike> SPIKES = ClickHouseTable.<ComplaintSpike>named(
                    "complaint_spikes")
            .text("spike_id", ComplaintSpike::spikeId)
            .text("level", s -> s.level().label())
            .text("key", ComplaintSpike::key)
            .text("status", s -> s.status().name())
            .utc("hour_start", ComplaintSpike::hourStartMs)
            .utc("opened_hour", ComplaintSpike::openedAtMs)
            .integer("observed", ComplaintSpike::observed)
            .floating("expected", ComplaintSpike::expected)
            .integer("bound", s -> Math.max(0, s.bound()))
            .floating("score", ComplaintSpike::score);

    /** Every table this job writes. */
    public static final List<ClickHouseTable<?>> ALL = List.of(HOURS, LIFECYCLE, SPIKES);

    /** A spike as its record on the complaint-spikes topic. */
    public static ComplaintSpikeEvent event(ComplaintSpike s) {
        return new ComplaintSpikeEvent(
                s.spikeId(),
                s.status() == ComplaintSpike.Status.OPENED ? ComplaintSpikeStatus.OPENED : ComplaintSpikeStatus.CLOSED,
                s.level() == SpikeLevel.CAUSE ? ComplaintSpikeLevel.CAUSE : ComplaintSpikeLevel.CAUSE_GROUP,
                s.key(),
                Instant.ofEpochMilli(s.hourStartMs()),
                Instant.ofEpochMilli(s.openedAtMs()),
                s.observed(),
                s.expected(),
                s.bound(),
                s.score(),
                s.partial());
    }
}
