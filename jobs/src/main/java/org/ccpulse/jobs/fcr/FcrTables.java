package org.ccpulse.jobs.fcr;

import java.util.List;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;

/** How the first-contact-resolution job's rows map onto its ClickHouse tables (schemas/clickhouse 0024, 0025, 0028). */
public final class FcrTables {

    private FcrTables() {}

    /** fcr_contact_outcomes; written_at is left to its default. */
    public static final ClickHouseTable<FcrOutcomeRow> OUTCOMES = ClickHouseTable.<FcrOutcomeRow>named(
                    "fcr_contact_outcomes")
            .date("business_date", r -> r.businessDay)
            .text("window", r -> r.window)
            .text("contact_id", r -> r.contactId)
            .text("customer_id", r -> r.customerId)
            .utc("completed_at", r -> r.completedAtMs)
            .text("queue", r -> r.queue)
            .text("channel", r -> r.channel.wire())
            .text("team", r -> r.team)
            .text("agent_id", r -> r.agentId)
            .text("reason", r -> r.reason)
            .integer("agent_resolved", r -> r.agentResolved ? 1 : 0)
            .text("status", r -> r.status)
            .text("repeat_contact_id", r -> r.repeatContactId)
            .nullableUtc("repeat_started_at", r -> r.repeatStartedAtMs)
            .integer("version", r -> r.version);

    /** fcr_repeat_contacts; written_at is left to its default. */
    public static final ClickHouseTable<FcrRepeatRow> REPEATS = ClickHouseTable.<FcrRepeatRow>named(
                    "fcr_repeat_contacts")
            .date("first_business_date", r -> r.firstBusinessDay)
            .text("first_contact_id", r -> r.firstContactId)
            .text("repeat_contact_id", r -> r.repeatContactId)
            .text("customer_id", r -> r.customerId)
            .utc("first_completed_at", r -> r.firstCompletedAtMs)
            .utc("repeat_started_at", r -> r.repeatStartedAtMs)
            .floating("delay_s", FcrRepeatRow::delayS)
            .text("first_queue", r -> r.firstQueue)
            .text("first_channel", r -> r.firstChannel.wire())
            .text("first_team", r -> r.firstTeam)
            .text("first_agent_id", r -> r.firstAgentId)
            .text("first_reason", r -> r.firstReason)
            .integer("first_agent_resolved", r -> r.firstAgentResolved ? 1 : 0)
            .text("repeat_queue", r -> r.repeatQueue)
            .text("repeat_channel", r -> r.repeatChannel.wire())
            .text("repeat_reason", r -> r.repeatReason)
            .integer("channel_changed", r -> r.channelChanged() ? 1 : 0)
            .integer("version", r -> r.version);

    /** fcr_team_targets; written_at is left to its default, so the newest configuration wins. */
    public static final ClickHouseTable<FcrTarget> TEAM_TARGETS = ClickHouseTable.<FcrTarget>named("fcr_team_targets")
            .text("team", r -> r.team)
            .text("window", r -> r.window)
            .floating("target", r -> r.target);

    /** Every table this job writes. */
    public static final List<ClickHouseTable<?>> ALL = List.of(OUTCOMES, REPEATS, TEAM_TARGETS);
}
