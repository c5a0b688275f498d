package org.ccpulse.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.jobs.calendar.BusinessDay;
import org.ccpulse.jobs.calendar.BusinessDays;
import org.ccpulse.jobs.complaints.ComplaintHourRow;
import org.ccpulse.jobs.complaints.ComplaintLifecycleRow;
import org.ccpulse.jobs.complaints.ComplaintSpike;
import org.ccpulse.jobs.complaints.ComplaintsTables;
import org.ccpulse.jobs.complaints.SpikeLevel;
import org.ccpulse.jobs.customervalue.ChurnAlertRow;
import org.ccpulse.jobs.customervalue.ChurnAlertTables;
import org.ccpulse.jobs.customervalue.CustomerFigures;
import org.ccpulse.jobs.customervalue.CustomerValueTables;
import org.ccpulse.jobs.customervalue.TierCutPoints;
import org.ccpulse.jobs.fcr.FcrOutcomeRow;
import org.ccpulse.jobs.fcr.FcrRepeatRow;
import org.ccpulse.jobs.fcr.FcrTables;
import org.ccpulse.jobs.fcr.FcrTarget;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.jobs.servicelevel.QueueCounts;
import org.ccpulse.jobs.servicelevel.QueueLiveRow;
import org.ccpulse.jobs.servicelevel.QueueMinuteRow;
import org.ccpulse.jobs.servicelevel.ServiceLevelTables;
import org.ccpulse.jobs.servicelevel.SlFormula;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ChurnAlertStatus;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.event.EscalationReason;
import org.ccpulse.schemas.event.RawValue;
import org.ccpulse.schemas.event.Tier;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.Rejection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Java table description against the real table after the migrations: the columns it names
 * exist, it leaves out only columns with a default, and a sample row goes in and reads back as meant.
 * A new job adds its descriptions to {@link #EVERY_TABLE} and a sample row each to {@link #samples()}.
 */
@ExtendWith(ComponentsExtension.class)
class TableColumnsIT {

    /** Every table description in the code base. */
    static final List<ClickHouseTable<?>> EVERY_TABLE = Stream.of(
                    ServiceLevelTables.ALL,
                    FcrTables.ALL,
                    ComplaintsTables.ALL,
                    CustomerValueTables.ALL,
                    List.<ClickHouseTable<?>>of(ChurnAlertTables.ALERTS),
                    List.<ClickHouseTable<?>>of(DeadLetterSinks.TABLE, BusinessDays.TABLE))
            .flatMap(List::stream)
            .toList();

    /** Tables of the migrations that no job inserts into. */
    static final Set<String> NOT_WRITTEN_BY_JOBS = Set.of("schema_migrations");

    /**
     * Today (UTC): samples must be recent, or the tables' TTLs (400 days for queue_minute, 90 for
     * dead_letters) drop them on insert.
     */
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private static final long DAY = TODAY.toEpochDay();
    private static final Instant AT = at("01:59:58.250");

    /** One row per table (or more, for a nullable value), and what ClickHouse's toString() of each column gives back. */
    static List<Sample<?>> samples() {
        QueueMinuteRow minute = new QueueMinuteRow();
        minute.queue = "billing";
        minute.channel = Channel.CALLBACK;
        minute.minuteStartMs = at("01:59:00").toEpochMilli();
        minute.intervalStartMs = at("01:45:00").toEpochMilli();
        minute.businessDay = DAY;
        minute.counts = new QueueCounts();
        minute.counts.answered = 11;
        minute.counts.answeredInSl = 9;
        minute.counts.abandoned = 4;
        minute.counts.shortAbandoned = 1;
        minute.counts.abandonedInSl = 2;
        minute.counts.answeredWaitMs = 123_456;
        minute.counts.maxWaitMs = 98_765;
        minute.counts.handled = 7;
        minute.counts.handleMs = 5_000_000_000L; // more than UInt32 holds
        minute.counts.facts = 22;
        minute.thresholdS = 20;
        minute.shortAbandonS = 5;
        minute.target = 0.85;
        minute.formula = SlFormula.REMOVED;

        long oldest = AT.minusSeconds(90).toEpochMilli();
        byte[] raw = "{\"queue\": \"caf\u00e9\"".getBytes(StandardCharsets.UTF_8);
        byte[] large = ("{\"queue\": \"" + "x".repeat(700_000)).getBytes(StandardCharsets.UTF_8);
        large = java.util.Arrays.copyOf(large, 700_000);

        FcrOutcomeRow repeat = new FcrOutcomeRow();
        repeat.businessDay = DAY;
        repeat.window = "7d_same_issue";
        repeat.contactId = "c-1";
        repeat.customerId = "cust-9";
        repeat.completedAtMs = at("01:00:00.125").toEpochMilli();
        repeat.queue = "billing";
        repeat.channel = Channel.CHAT;
        repeat.team = "billing-t1";
        repeat.agentId = "agent-7";
        repeat.reason = "billing.dispute";
        repeat.agentResolved = true;
        repeat.status = FcrOutcomeRow.REPEAT;
        repeat.repeatContactId = "c-2";
        repeat.repeatStartedAtMs = AT.toEpochMilli();
        repeat.version = 1;
        FcrOutcomeRow pending = new FcrOutcomeRow();
        pending.businessDay = DAY;
        pending.window = "24h";
        pending.contactId = "c-3";
        pending.customerId = "cust-9";
        pending.completedAtMs = AT.toEpochMilli();
        pending.queue = "sales";
        pending.channel = Channel.VOICE;
        pending.team = "sales-t1";
        pending.agentId = "agent-8";
        pending.reason = "";
        pending.agentResolved = false;
        pending.status = FcrOutcomeRow.PENDING;
        pending.repeatContactId = "";
        pending.repeatStartedAtMs = null;
        pending.version = 0;
        FcrRepeatRow pair = new FcrRepeatRow();
        pair.firstBusinessDay = DAY;
        pair.firstContactId = "c-1";
        pair.repeatContactId = "c-2";
        pair.customerId = "cust-9";
        pair.firstCompletedAtMs = at("01:00:00.125").toEpochMilli();
        pair.repeatStartedAtMs = AT.toEpochMilli();
        pair.firstQueue = "billing";
        pair.firstChannel = Channel.CHAT;
        pair.firstTeam = "billing-t1";
        pair.firstAgentId = "agent-7";
        pair.firstReason = "billing.dispute";
        pair.firstAgentResolved = true;
        pair.repeatQueue = "technical";
        pair.repeatChannel = Channel.VOICE;
        pair.repeatReason = "technical.outage";
        pair.version = 1;

        ComplaintHourRow hour = new ComplaintHourRow();
        hour.hourStartMs = at("01:00:00").toEpochMilli();
        hour.businessDay = DAY;
        hour.cause = "company.billing";
        hour.causeGroup = "company";
        hour.product = "not given";
        hour.department = "finance";
        hour.channel = "chat";
        hour.complaints = 12;
        hour.reopens = 3;
        hour.version = 15;
        ComplaintLifecycleRow closed = new ComplaintLifecycleRow();
        closed.businessDay = DAY;
        closed.ticketId = "t-1";
        closed.customerId = "cust-9";
        closed.openedAtMs = at("00:10:00.125").toEpochMilli();
        closed.cause = "agent.attitude";
        closed.causeGroup = "agent";
        closed.product = "mobile";
        closed.department = "customer_service";
        closed.channel = "voice";
        closed.severity = "high";
        closed.dueAtMs = at("01:10:00").toEpochMilli();
        closed.firstResolvedAtMs = at("01:00:00.500").toEpochMilli();
        closed.closedAtMs = AT.toEpochMilli();
        closed.reopens = 1;
        closed.status = "closed";
        closed.version = 5;
        ComplaintLifecycleRow open = new ComplaintLifecycleRow();
        open.businessDay = DAY;
        open.ticketId = "t-2";
        open.customerId = "cust-8";
        open.openedAtMs = AT.toEpochMilli();
        open.cause = "customer.misuse";
        open.causeGroup = "customer";
        open.product = "not given";
        open.department = "not given";
        open.channel = "not given";
        open.severity = "medium";
        open.status = "open";
        open.version = 1;

        return List.of(
                new Sample<>(
                        "customer_rfm_state",
                        CustomerValueTables.RFM_STATE,
                        new CustomerFigures(
                                "cust-9",
                                3,
                                new BigDecimal("12345678901234.5678"), // 18 digits: the column's precision
                                at("01:00:00.125").toEpochMilli(),
                                AT.toEpochMilli(),
                                AT.toEpochMilli() * 1000 + 2),
                        values(
                                "customer_id",
                                "cust-9",
                                "f",
                                "3",
                                "tm",
                                "12345678901234.5678",
                                "last_purchase_at",
                                TODAY + " 01:00:00.125",
                                "changed_at",
                                TODAY + " 01:59:58.250",
                                "version",
                                String.valueOf(AT.toEpochMilli() * 1000 + 2))),
                new Sample<>(
                        "customer_rfm_state, every order left the window",
                        CustomerValueTables.RFM_STATE,
                        new CustomerFigures("cust-8", 0, BigDecimal.ZERO, CustomerFigures.NONE, AT.toEpochMilli(), 7),
                        values(
                                "customer_id", "cust-8",
                                "f", "0",
                                "tm", "0",
                                "last_purchase_at", null,
                                "changed_at", TODAY + " 01:59:58.250",
                                "version", "7")),
                new Sample<>(
                        "customer_tier_cut_points",
                        CustomerValueTables.TIER_CUT_POINTS,
                        new TierCutPoints(
                                AT.toEpochMilli(),
                                12_345,
                                new BigDecimal("9876.5432"),
                                new BigDecimal("-1.5"),
                                new BigDecimal("0.0100")),
                        values(
                                "as_of", TODAY + " 01:59:58.250",
                                "customers", "12345",
                                "top_min_tm", "9876.5432",
                                "high_min_tm", "-1.5",
                                "mid_min_tm", "0.01")),
                new Sample<>(
                        "churn_alerts, escalated",
                        ChurnAlertTables.ALERTS,
                        new ChurnAlertRow(
                                "c-7/2026-01-01T00:00:00Z",
                                "c-7/2026-01-01T00:00:00Z/ESCALATED/complaint,open_ticket",
                                "c-7",
                                ChurnAlertStatus.ESCALATED,
                                AT.toEpochMilli(),
                                AT.toEpochMilli() - 86_400_000L,
                                Tier.TOP,
                                4,
                                new BigDecimal("1000.10"),
                                AT.toEpochMilli() - 100 * 86_400_000L,
                                ChurnAlertRow.bit(EscalationReason.COMPLAINT)
                                        | ChurnAlertRow.bit(EscalationReason.OPEN_TICKET)),
                        values(
                                "alert_id", "c-7/2026-01-01T00:00:00Z",
                                "event_id", "c-7/2026-01-01T00:00:00Z/ESCALATED/complaint,open_ticket",
                                "customer_id", "c-7",
                                "status", "ESCALATED",
                                "ts", TODAY + " 01:59:58.250",
                                "opened_at", TODAY.minusDays(1) + " 01:59:58.250",
                                "tier", "top",
                                "f", "4",
                                "tm", "1000.1",
                                "m", "250.025",
                                "p_days", "91.25",
                                "r_days", "100",
                                "delta_days", "-8.75",
                                "escalation_reasons", "['complaint','open_ticket']")),
                new Sample<>(
                        "complaints_hour",
                        ComplaintsTables.HOURS,
                        hour,
                        values(
                                "hour_start", TODAY + " 01:00:00",
                                "business_date", TODAY.toString(),
                                "cause", "company.billing",
                                "cause_group", "company",
                                "product", "not given",
                                "department", "finance",
                                "channel", "chat",
                                "complaints", "12",
                                "reopens", "3",
                                "version", "15")),
                new Sample<>(
                        "complaint_lifecycle, closed",
                        ComplaintsTables.LIFECYCLE,
                        closed,
                        values(
                                "business_date", TODAY.toString(),
                                "ticket_id", "t-1",
                                "customer_id", "cust-9",
                                "opened_at", TODAY + " 00:10:00.125",
                                "cause", "agent.attitude",
                                "cause_group", "agent",
                                "product", "mobile",
                                "department", "customer_service",
                                "channel", "voice",
                                "severity", "high",
                                "due_at", TODAY + " 01:10:00.000",
                                "first_resolved_at", TODAY + " 01:00:00.500",
                                "closed_at", TODAY + " 01:59:58.250",
                                "reopens", "1",
                                "status", "closed",
                                "version", "5")),
                new Sample<>(
                        "complaint_lifecycle, open without deadline",
                        ComplaintsTables.LIFECYCLE,
                        open,
                        values(
                                "business_date", TODAY.toString(),
                                "ticket_id", "t-2",
                                "customer_id", "cust-8",
                                "opened_at", TODAY + " 01:59:58.250",
                                "cause", "customer.misuse",
                                "cause_group", "customer",
                                "product", "not given",
                                "department", "not given",
                                "channel", "not given",
                                "severity", "medium",
                                "due_at", null,
                                "first_resolved_at", null,
                                "closed_at", null,
                                "reopens", "0",
                                "status", "open",
                                "version", "1")),
                new Sample<>(
                        "complaint_spikes",
                        ComplaintsTables.SPIKES,
                        new ComplaintSpike(
                                "s-1",
                                SpikeLevel.CAUSE_GROUP,
                                "company",
                                ComplaintSpike.Status.OPENED,
                                at("01:00:00").toEpochMilli(),
                                24,
                                6.25,
                                15,
                                4.5,
                                at("01:00:00").toEpochMilli(),
                                true),
                        values(
                                "spike_id", "s-1",
                                "level", "cause_group",
                                "key", "company",
                                "status", "OPENED",
                                "hour_start", TODAY + " 01:00:00",
                                "opened_hour", TODAY + " 01:00:00",
                                "observed", "24",
                                "expected", "6.25",
                                "bound", "15",
                                "score", "4.5")),
                new Sample<>(
                        "fcr_contact_outcomes, a repeat",
                        FcrTables.OUTCOMES,
                        repeat,
                        values(
                                "business_date", TODAY.toString(),
                                "window", "7d_same_issue",
                                "contact_id", "c-1",
                                "customer_id", "cust-9",
                                "completed_at", TODAY + " 01:00:00.125",
                                "queue", "billing",
                                "channel", "chat",
                                "team", "billing-t1",
                                "agent_id", "agent-7",
                                "reason", "billing.dispute",
                                "agent_resolved", "1",
                                "status", "repeat",
                                "repeat_contact_id", "c-2",
                                "repeat_started_at", TODAY + " 01:59:58.250",
                                "version", "1")),
                new Sample<>(
                        "fcr_contact_outcomes, pending",
                        FcrTables.OUTCOMES,
                        pending,
                        values(
                                "business_date", TODAY.toString(),
                                "window", "24h",
                                "contact_id", "c-3",
                                "customer_id", "cust-9",
                                "completed_at", TODAY + " 01:59:58.250",
                                "queue", "sales",
                                "channel", "voice",
                                "team", "sales-t1",
                                "agent_id", "agent-8",
                                "reason", "",
                                "agent_resolved", "0",
                                "status", "pending",
                                "repeat_contact_id", "",
                                "repeat_started_at", null,
                                "version", "0")),
                new Sample<>(
                        "fcr_repeat_contacts",
                        FcrTables.REPEATS,
                        pair,
                        values(
                                "first_business_date", TODAY.toString(),
                                "first_contact_id", "c-1",
                                "repeat_contact_id", "c-2",
                                "customer_id", "cust-9",
                                "first_completed_at", TODAY + " 01:00:00.125",
                                "repeat_started_at", TODAY + " 01:59:58.250",
                                "delay_s", "3598.125",
                                "first_queue", "billing",
                                "first_channel", "chat",
                                "first_team", "billing-t1",
                                "first_agent_id", "agent-7",
                                "first_reason", "billing.dispute",
                                "first_agent_resolved", "1",
                                "repeat_queue", "technical",
                                "repeat_channel", "voice",
                                "repeat_reason", "technical.outage",
                                "channel_changed", "1",
                                "version", "1")),
                new Sample<>(
                        "fcr_team_targets",
                        FcrTables.TEAM_TARGETS,
                        new FcrTarget("", "7d", 0.7),
                        values("team", "", "window", "7d", "target", "0.7")),
                new Sample<>(
                        "queue_minute",
                        ServiceLevelTables.QUEUE_MINUTE,
                        minute,
                        values(
                                "queue", "billing",
                                "channel", "callback",
                                "minute_start", TODAY + " 01:59:00",
                                "interval_start", TODAY + " 01:45:00",
                                "business_date", TODAY.toString(),
                                "answered", "11",
                                "answered_in_sl", "9",
                                "abandoned", "4",
                                "short_abandoned", "1",
                                "abandoned_in_sl", "2",
                                "answered_wait_ms", "123456",
                                "max_wait_ms", "98765",
                                "handled", "7",
                                "handle_ms", "5000000000",
                                "sl_threshold_s", "20",
                                "short_abandon_s", "5",
                                "sl_target", "0.85",
                                "sl_formula", "removed",
                                "version", "22")),
                new Sample<>(
                        "queue_live, someone waiting",
                        ServiceLevelTables.QUEUE_LIVE,
                        new QueueLiveRow("sales", Channel.CHAT, 3, oldest, AT.toEpochMilli()),
                        values(
                                "queue", "sales",
                                "channel", "chat",
                                "waiting", "3",
                                "oldest_queued_at", TODAY + " 01:58:28.250",
                                "as_of", TODAY + " 01:59:58.250")),
                new Sample<>(
                        "queue_live, nobody waiting",
                        ServiceLevelTables.QUEUE_LIVE,
                        new QueueLiveRow("sales", Channel.VOICE, 0, null, AT.toEpochMilli()),
                        values(
                                "queue", "sales",
                                "channel", "voice",
                                "waiting", "0",
                                "oldest_queued_at", null,
                                "as_of", TODAY + " 01:59:58.250")),
                new Sample<>(
                        "business_days",
                        BusinessDays.TABLE,
                        new BusinessDay(
                                DAY,
                                at("00:00:00").toEpochMilli(),
                                at("00:00:00").plus(Duration.ofDays(1)).toEpochMilli(),
                                "UTC"),
                        values(
                                "business_date",
                                TODAY.toString(),
                                "day_start",
                                TODAY + " 00:00:00",
                                "day_end",
                                TODAY.plusDays(1) + " 00:00:00",
                                "zone",
                                "UTC")),
                new Sample<>(
                        "dead_letters",
                        DeadLetterSinks.TABLE,
                        DeadLetter.of(
                                "contact-events",
                                2,
                                1_234_567_890_123L,
                                raw,
                                new Rejection(null, Problem.MALFORMED_JSON, "not one JSON object"),
                                AT),
                        values(
                                "source_topic", "contact-events",
                                "partition", "2",
                                "offset", "1234567890123",
                                "problem", "MALFORMED_JSON",
                                "field", "",
                                "reason", "record: MALFORMED_JSON (not one JSON object)",
                                "raw_value", "{\"queue\": \"caf\u00e9\"",
                                "raw_value_length", String.valueOf(raw.length),
                                "raw_value_sha256", RawValue.of(raw).sha256(),
                                "raw_value_truncated", "false",
                                "rejected_at", TODAY + " 01:59:58.250")),
                new Sample<>(
                        "dead_letters, a large value",
                        DeadLetterSinks.TABLE,
                        DeadLetter.of("contact-events", 0, 9L, large, Rejection.oversized(large.length, 65_536), AT),
                        values(
                                "source_topic", "contact-events",
                                "partition", "0",
                                "offset", "9",
                                "problem", "OVERSIZED",
                                "field", "",
                                "reason", "record: OVERSIZED (700000 bytes > 65536)",
                                "raw_value", new String(large, 0, RawValue.PREFIX_BYTES, StandardCharsets.UTF_8),
                                "raw_value_length", "700000",
                                "raw_value_sha256", RawValue.of(large).sha256(),
                                "raw_value_truncated", "true",
                                "rejected_at", TODAY + " 01:59:58.250")),
                new Sample<>(
                        "dead_letters, a tombstone",
                        DeadLetterSinks.TABLE,
                        DeadLetter.of("contact-events", 1, 10L, (byte[]) null, Rejection.tombstone(), AT),
                        values(
                                "source_topic", "contact-events",
                                "partition", "1",
                                "offset", "10",
                                "problem", "TOMBSTONE",
                                "field", "",
                                "reason", "record: TOMBSTONE (no value)",
                                "raw_value", "",
                                "raw_value_length", "0",
                                "raw_value_sha256", "",
                                "raw_value_truncated", "false",
                                "rejected_at", TODAY + " 01:59:58.250")));
    }

    static List<ClickHouseTable<?>> tables() {
        return EVERY_TABLE;
    }

    private static ClickHouseAccess db;

    @BeforeAll
    static void migrate(ClickHouseEndpoint clickHouse) throws SQLException {
        db = ClickHouseDatabase.fresh(clickHouse);
    }

    @Test
    void everyDescriptionHasASample() {
        Set<ClickHouseTable<?>> sampled = samples().stream().map(Sample::table).collect(Collectors.toSet());
        for (ClickHouseTable<?> table : EVERY_TABLE) {
            assertThat(sampled).as("a sample row for " + table.name()).contains(table);
        }
    }

    @Test
    void everyTableOfTheMigrationsThatJobsWriteHasADescription() throws SQLException {
        Set<String> described =
                EVERY_TABLE.stream().map(ClickHouseTable::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> tables = new TreeSet<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM system.tables WHERE database = currentDatabase() "
                        + "AND engine LIKE '%MergeTree' AND name NOT LIKE '.inner%'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        tables.removeAll(NOT_WRITTEN_BY_JOBS);
        assertThat(described).as("descriptions vs tables of the migrations").isEqualTo(tables);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void namesExistingColumnsAndLeavesOutOnlyColumnsWithADefault(ClickHouseTable<?> table) throws SQLException {
        Map<String, String> defaultKinds = new LinkedHashMap<>();
        try (Connection c = db.open();
                PreparedStatement st = c.prepareStatement(
                        "SELECT name, default_kind FROM system.columns WHERE database = currentDatabase() AND table = ? ORDER BY position")) {
            st.setString(1, table.name());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    defaultKinds.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertThat(defaultKinds).as("columns of " + table.name()).isNotEmpty();

        List<String> insertable = defaultKinds.entrySet().stream()
                .filter(e -> !Set.of("MATERIALIZED", "ALIAS").contains(e.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(insertable).as("insertable columns of " + table.name()).containsAll(table.columnNames());

        List<String> withoutDefault = defaultKinds.entrySet().stream()
                .filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(table.columnNames())
                .as("every column of " + table.name() + " without a default")
                .containsAll(withoutDefault);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aSampleRowGoesInAndReadsBack(Sample<?> sample) throws SQLException {
        roundTrip(sample);
    }

    private static <T> void roundTrip(Sample<T> sample) throws SQLException {
        ClickHouseTable<T> table = sample.table();
        assertThat(sample.expected().keySet())
                .as("the sample names every column")
                .containsExactlyElementsOf(table.columnNames());
        try (Connection c = db.open()) {
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE TABLE " + table.name()); // a plain identifier, checked by ClickHouseTable
            }
            try (PreparedStatement st = c.prepareStatement(table.insertSql())) {
                table.bind(sample.row(), st);
                st.executeUpdate();
            }
            String select =
                    table.columnNames().stream().map(n -> "toString(" + n + ")").collect(Collectors.joining(", "));
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + table.name())) {
                assertThat(rs.next()).as("the row is there").isTrue();
                Map<String, String> read = new LinkedHashMap<>();
                for (int i = 0; i < table.columnNames().size(); i++) {
                    read.put(table.columnNames().get(i), rs.getString(i + 1));
                }
                assertThat(read).isEqualTo(sample.expected());
                assertThat(rs.next()).as("one row only").isFalse();
            }
        }
    }

    record Sample<T>(String label, ClickHouseTable<T> table, T row, Map<String, String> expected) {
        @Override
        public String toString() {
            return label;
        }
    }

    private static Instant at(String utcTimeOfDay) {
        return LocalDateTime.of(TODAY, LocalTime.parse(utcTimeOfDay)).toInstant(ZoneOffset.UTC);
    }

    /** Column, value, column, value, ...; a value may be null. */
    private static Map<String, String> values(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
