package org.ccpulse.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ccpulse.schemas.clickhouse.SqlRows.execute;
import static org.ccpulse.schemas.clickhouse.SqlRows.rows;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The complaints views on hand-written rows of the tables the complaints job writes ({@code
 * complaints_hour}, {@code complaint_lifecycle}, {@code complaint_spikes}) and of the service-level
 * job's {@code queue_minute} (the contacts behind the rate): each view's figures, row by row.
 * Rewrites (a row written again with more events, a complaint written open and then resolved, a spike
 * written twice on a replay) are part of the rows, so every view must read settled rows.
 */
@ExtendWith(ComponentsExtension.class)
class ComplaintsViewsIT {

    /**
     * 2026-01-05 (Berlin: 2026-01-04 23:00 to 2026-01-05 23:00 UTC). 09:00: billing in two writes (2, then
     * 3 with a reopen), one complaint without channel; 10:00: chat and e-mail complaints, a tie of one
     * each; 22:00: one hour split over two business dates, as a zone with a half-hour offset writes it.
     */
    private static final String HOURS = """
            INSERT INTO complaints_hour (hour_start, business_date, cause, cause_group, product, department,
                channel, complaints, reopens, version)
            SELECT toDateTime(h, 'UTC'), toDate(d), c, splitByChar('.', c)[1], p, dep, ch, n, r, v
            FROM values('h String, d String, c String, p String, dep String, ch String, n UInt32, r UInt32, v UInt64',
              ('2026-01-05 09:00:00', '2026-01-05', 'company.billing',  'p1', 'finance',          'voice',     2, 0, 2),
              ('2026-01-05 09:00:00', '2026-01-05', 'company.billing',  'p1', 'finance',          'voice',     3, 1, 4),
              ('2026-01-05 09:00:00', '2026-01-05', 'agent.attitude',   'p2', 'customer_service', 'not given', 1, 0, 1),
              ('2026-01-05 10:00:00', '2026-01-05', 'agent.attitude',   'p2', 'customer_service', 'chat',      4, 0, 4),
              ('2026-01-05 10:00:00', '2026-01-05', 'company.delivery', 'p2', 'logistics',        'chat',      1, 0, 1),
              ('2026-01-05 10:00:00', '2026-01-05', 'customer.misuse',  'p3', 'customer_service', 'email',     1, 0, 1),
              ('2026-01-05 22:00:00', '2026-01-05', 'company.billing',  'p1', 'finance',          'voice',     1, 0, 1),
              ('2026-01-05 22:00:00', '2026-01-06', 'company.billing',  'p1', 'finance',          'voice',     2, 0, 2))
            """;

    /** Answered inbound contacts: voice 09:01 written twice (100, then 150), 09:59; chat 09:30; e-mail 10:15; voice 22:10. */
    private static final String MINUTES = """
            INSERT INTO queue_minute (queue, channel, minute_start, interval_start, business_date, answered,
                answered_in_sl, abandoned, short_abandoned, abandoned_in_sl, answered_wait_ms, max_wait_ms, handled,
                handle_ms, sl_threshold_s, short_abandon_s, sl_target, sl_formula, version)
            SELECT 'billing', ch, toDateTime(m, 'UTC'), toStartOfFifteenMinutes(toDateTime(m, 'UTC')), toDate('2026-01-05'),
                a, 0, 0, 0, 0, 0, 0, 0, 0, 20, 5, 0.8, 'answered', v
            FROM values('ch String, m String, a UInt32, v UInt64',
              ('voice', '2026-01-05 09:01:00', 100, 1),
              ('voice', '2026-01-05 09:01:00', 150, 2),
              ('voice', '2026-01-05 09:59:00', 350, 1),
              ('chat',  '2026-01-05 09:30:00', 500, 1),
              ('email', '2026-01-05 10:15:00', 200, 1),
              ('voice', '2026-01-05 22:10:00', 1000, 1))
            """;

    private static final String BUSINESS_DAYS = """
            INSERT INTO business_days VALUES ('2026-01-05', '2026-01-04 23:00:00', '2026-01-05 23:00:00', 'Europe/Berlin')
            """;

    /**
     * Complaints: t1 written open, then resolved after 10 h (deadline 24 h); t2 resolved after 26 h
     * (deadline 24 h), closed; t3 without deadline, resolved after 1 h; t4 open, due 2026-01-08 (past);
     * t5 open, due 2099; t6 resolved after 4 h (deadline 24 h), then reopened: open and past due; t7
     * opened the day before.
     */
    private static final String LIFECYCLE = """
            INSERT INTO complaint_lifecycle (business_date, ticket_id, customer_id, opened_at, cause, cause_group,
                product, department, channel, severity, due_at, first_resolved_at, closed_at, reopens, status, version)
            SELECT toDate(substring(o, 1, 10)), t, concat('cust-', t), toDateTime64(o, 3, 'UTC'), c,
                splitByChar('.', c)[1], 'p1', dep, 'voice', 'high',
                if(due = '', NULL, toDateTime64(due, 3, 'UTC')), if(res = '', NULL, toDateTime64(res, 3, 'UTC')),
                if(cl = '', NULL, toDateTime64(cl, 3, 'UTC')), r, s, v
            FROM values('t String, o String, c String, dep String, due String, res String, cl String, r UInt16,
                         s String, v UInt32',
              ('t1', '2026-01-05 09:00:00', 'company.billing',  'finance',          '2026-01-06 09:00:00', '',                    '', 0, 'open',     1),
              ('t1', '2026-01-05 09:00:00', 'company.billing',  'finance',          '2026-01-06 09:00:00', '2026-01-05 19:00:00', '', 0, 'resolved', 2),
              ('t2', '2026-01-05 10:00:00', 'company.billing',  'finance',          '2026-01-06 10:00:00', '2026-01-06 12:00:00', '2026-01-07 12:00:00', 0, 'closed', 3),
              ('t3', '2026-01-05 11:00:00', 'company.billing',  'finance',          '',                    '2026-01-05 12:00:00', '', 0, 'resolved', 2),
              ('t4', '2026-01-05 11:00:00', 'agent.attitude',   'customer_service', '2026-01-08 11:00:00', '',                    '', 0, 'open',     1),
              ('t5', '2026-01-05 11:00:00', 'agent.attitude',   'customer_service', '2099-01-08 11:00:00', '',                    '', 0, 'open',     1),
              ('t6', '2026-01-05 12:00:00', 'agent.knowledge',  'customer_service', '2026-01-06 12:00:00', '2026-01-05 16:00:00', '', 1, 'open',     3),
              ('t7', '2026-01-04 12:00:00', 'company.delivery', 'logistics',        '2026-01-05 12:00:00', '2026-01-04 13:00:00', '', 0, 'resolved', 2))
            """;

    /**
     * s1 closed after 3 h; s2 (a cause group) open, its OPENED written twice (a replay); s3 an episode of
     * agent.attitude a recount left without its CLOSED row, s4 the later one of the same cause, open; s5
     * closed the day before.
     */
    private static final String SPIKES = """
            INSERT INTO complaint_spikes (spike_id, level, key, status, hour_start, opened_hour, observed, expected,
                bound, score, written_at)
            SELECT id, l, k, s, toDateTime(h, 'UTC'), toDateTime(o, 'UTC'), n, e, b, sc, toDateTime64(w, 3, 'UTC')
            FROM values('id String, l String, k String, s String, h String, o String, n UInt32, e Float64, b UInt32,
                         sc Float64, w String',
              ('s1', 'cause',       'company.billing', 'OPENED', '2026-01-05 09:00:00', '2026-01-05 09:00:00', 12, 3.0,  9, 4.2, '2026-01-05 09:35:00'),
              ('s1', 'cause',       'company.billing', 'CLOSED', '2026-01-05 12:00:00', '2026-01-05 09:00:00',  2, 3.1,  9, 0.1, '2026-01-05 13:00:05'),
              ('s2', 'cause_group', 'company',         'OPENED', '2026-01-05 10:00:00', '2026-01-05 10:00:00', 20, 5.0, 14, 5.0, '2026-01-05 10:40:00'),
              ('s2', 'cause_group', 'company',         'OPENED', '2026-01-05 10:00:00', '2026-01-05 10:00:00', 20, 5.0, 14, 5.0, '2026-01-05 11:40:00'),
              ('s3', 'cause',       'agent.attitude',  'OPENED', '2026-01-03 08:00:00', '2026-01-03 08:00:00',  8, 2.0,  7, 3.5, '2026-01-03 08:50:00'),
              ('s4', 'cause',       'agent.attitude',  'OPENED', '2026-01-05 10:00:00', '2026-01-05 10:00:00',  9, 2.0,  7, 3.9, '2026-01-05 10:55:00'),
              ('s5', 'cause',       'customer.misuse', 'OPENED', '2026-01-04 08:00:00', '2026-01-04 08:00:00',  6, 0.5,  4, 4.4, '2026-01-04 08:20:00'),
              ('s5', 'cause',       'customer.misuse', 'CLOSED', '2026-01-04 09:00:00', '2026-01-04 08:00:00',  0, 0.5,  4, 0.0, '2026-01-04 10:00:01'))
            """;

    @Test
    void hourlyHasExactlyTheContractsColumnsAndSettledSums(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            assertThat(rows(
                            c,
                            "SELECT name FROM system.columns WHERE database = currentDatabase()"
                                    + " AND table = 'complaints_hourly' ORDER BY position"))
                    .extracting(r -> r.get("name"))
                    .as("METRICS.md's columns, reopens beside them")
                    .containsExactly(
                            "hour_start",
                            "cause",
                            "cause_group",
                            "product",
                            "department",
                            "channel",
                            "complaints",
                            "reopens");
            execute(c, HOURS);
            assertThat(rows(
                            c,
                            "SELECT toString(hour_start) AS h, cause, cause_group, product, department, channel,"
                                    + " complaints, reopens FROM complaints_hourly ORDER BY h, cause, channel"))
                    .extracting(r -> String.join(
                            " ", r.values().stream().map(String::valueOf).toList()))
                    .containsExactly(
                            "2026-01-05 09:00:00 agent.attitude agent p2 customer_service not given 1 0",
                            "2026-01-05 09:00:00 company.billing company p1 finance voice 3 1",
                            "2026-01-05 10:00:00 agent.attitude agent p2 customer_service chat 4 0",
                            "2026-01-05 10:00:00 company.delivery company p2 logistics chat 1 0",
                            "2026-01-05 10:00:00 customer.misuse customer p3 customer_service email 1 0",
                            "2026-01-05 22:00:00 company.billing company p1 finance voice 3 0");
        }
    }

    @Test
    void dailyByBusinessDateDrawnAtTheDaysStart(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, HOURS);
            execute(c, BUSINESS_DAYS);
            assertThat(rows(
                            c,
                            "SELECT toString(business_date) AS d, toString(day_start) AS s, sum(complaints) AS n,"
                                    + " sum(reopens) AS r FROM complaints_daily GROUP BY d, s ORDER BY d"))
                    .extracting(r -> r.get("d") + " from " + r.get("s") + ": " + r.get("n") + " complaints, "
                            + r.get("r") + " reopens")
                    .as("2026-01-06 is not in business_days: drawn at 00:00 UTC of its date")
                    .containsExactly(
                            "2026-01-05 from 2026-01-04 23:00:00: 11 complaints, 1 reopens",
                            "2026-01-06 from 2026-01-06 00:00:00: 2 complaints, 0 reopens");
            assertThat(rows(
                            c,
                            "SELECT complaints FROM complaints_daily WHERE business_date = '2026-01-05'"
                                    + " AND cause = 'company.billing' AND channel = 'voice'"))
                    .extracting(r -> ((Number) r.get("complaints")).longValue())
                    .as("09:00 (3) and the 22:00 row of that date (1)")
                    .containsExactly(4L);
        }
    }

    @Test
    void ratePer1000AnsweredContactsPerHourAndDayOverallAndByNamedChannel(ClickHouseEndpoint clickHouse)
            throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, HOURS);
            execute(c, MINUTES);
            execute(c, BUSINESS_DAYS);
            assertThat(rows(
                            c,
                            "SELECT toString(hour_start) AS h, channel, complaints, answered, complaints_per_1000"
                                    + " FROM complaints_rate_hourly ORDER BY h, channel"))
                    .extracting(r -> r.get("h").toString().substring(11, 16) + " " + r.get("channel") + " "
                            + r.get("complaints") + "/" + r.get("answered") + " " + r.get("complaints_per_1000"))
                    .as("no contacts: no rate; a complaint without channel counts in 'all' only")
                    .containsExactly(
                            "09:00 all 4/1000 4.0",
                            "09:00 chat 0/500 0.0",
                            "09:00 not given 1/0 null",
                            "09:00 voice 3/500 6.0",
                            "10:00 all 6/200 30.0",
                            "10:00 chat 5/0 null",
                            "10:00 email 1/200 5.0",
                            "22:00 all 3/1000 3.0",
                            "22:00 voice 3/1000 3.0");
            List<Map<String, Object>> daily = rows(
                    c,
                    "SELECT toString(business_date) AS d, toString(day_start) AS s, channel, complaints, answered,"
                            + " complaints_per_1000 FROM complaints_rate_daily ORDER BY d, channel");
            assertThat(daily)
                    .extracting(r ->
                            r.get("d") + " " + r.get("channel") + " " + r.get("complaints") + "/" + r.get("answered"))
                    .containsExactly(
                            "2026-01-05 all 11/2200",
                            "2026-01-05 chat 5/500",
                            "2026-01-05 email 1/200",
                            "2026-01-05 not given 1/0",
                            "2026-01-05 voice 4/1500",
                            "2026-01-06 all 2/0",
                            "2026-01-06 voice 2/0");
            assertThat(daily)
                    .extracting(r -> r.get("complaints_per_1000") == null
                            ? "none"
                            : String.format(Locale.ROOT, "%.4f", ((Number) r.get("complaints_per_1000")).doubleValue()))
                    .containsExactly("5.0000", "10.0000", "5.0000", "none", "2.6667", "none", "none");
            assertThat(daily.get(0).get("s")).isEqualTo("2026-01-04 23:00:00");

            Map<String, Object> sum = rows(
                            c,
                            "SELECT ccpulse_per_1000(sum(complaints), sum(answered)) AS rate FROM complaints_rate_hourly"
                                    + " WHERE channel = 'all' AND hour_start >= '2026-01-05 09:00:00'"
                                    + " AND hour_start <= '2026-01-05 10:00:00'")
                    .get(0);
            assertThat(((Number) sum.get("rate")).doubleValue())
                    .as("a roll-up adds the counts first: 10 / 1200")
                    .isCloseTo(10_000.0 / 1200, within(1e-9));
        }
    }

    @Test
    void paretoOfCausesOverAPeriodWithCumulativeShare(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, HOURS);
            assertThat(pareto(c, "2026-01-05 00:00:00", "2026-01-06 00:00:00", "[]", "[]", "[]"))
                    .containsExactly(
                            "1 company.billing company 6 share 0.4615 cum 6 0.4615",
                            "2 agent.attitude agent 5 share 0.3846 cum 11 0.8462",
                            "3 company.delivery company 1 share 0.0769 cum 12 0.9231",
                            "4 customer.misuse customer 1 share 0.0769 cum 13 1.0000");
            assertThat(pareto(c, "2026-01-05 10:00:00", "2026-01-05 10:00:00", "[]", "[]", "[]"))
                    .as("one hour, from and to inclusive; a tie goes by cause name")
                    .containsExactly(
                            "1 agent.attitude agent 4 share 0.6667 cum 4 0.6667",
                            "2 company.delivery company 1 share 0.1667 cum 5 0.8333",
                            "3 customer.misuse customer 1 share 0.1667 cum 6 1.0000");
            assertThat(pareto(c, "2026-01-05 10:00:00", "2026-01-05 23:00:00", "[]", "[]", "['logistics', 'finance']"))
                    .containsExactly(
                            "1 company.billing company 3 share 0.7500 cum 3 0.7500",
                            "2 company.delivery company 1 share 0.2500 cum 4 1.0000");
            assertThat(pareto(c, "2026-01-05 00:00:00", "2026-01-06 00:00:00", "['agent', 'customer']", "[]", "[]"))
                    .containsExactly(
                            "1 agent.attitude agent 5 share 0.8333 cum 5 0.8333",
                            "2 customer.misuse customer 1 share 0.1667 cum 6 1.0000");
            assertThat(pareto(c, "2026-01-05 00:00:00", "2026-01-06 00:00:00", "[]", "['customer.misuse']", "[]"))
                    .containsExactly("1 customer.misuse customer 1 share 1.0000 cum 1 1.0000");
            assertThat(pareto(c, "2026-02-01 00:00:00", "2026-02-02 00:00:00", "[]", "[]", "[]"))
                    .isEmpty();
            assertThat(pareto(
                            c,
                            "2026-01-05 10:00:00",
                            "2026-01-05 10:00:00",
                            "[]",
                            "[]",
                            "[]",
                            " SETTINGS session_timezone = 'Europe/Berlin'"))
                    .as("the period is the same instants in a session of another zone")
                    .containsExactly(
                            "1 agent.attitude agent 4 share 0.6667 cum 4 0.6667",
                            "2 company.delivery company 1 share 0.1667 cum 5 0.8333",
                            "3 customer.misuse customer 1 share 0.1667 cum 6 1.0000");
        }
    }

    @Test
    void resolutionPerDepartmentAgainstDeadlines(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, LIFECYCLE);
            Map<String, Map<String, Object>> rows =
                    resolution(c, "2026-01-05 00:00:00", "2026-01-31 00:00:00", "[]", "[]", "[]");
            assertThat(rows).as("t7 opened before the period").containsOnlyKeys("all", "customer_service", "finance");
            // finance: t1 (written open, then resolved after 10 h), t2 (26 h, late), t3 (1 h, no deadline)
            assertResolution(rows.get("finance"), 3, 3, 0, 10.0, 10 + 0.8 * 16, 24.0, 2, 1, 0.5, 1, 0);
            // customer service: t4 open past due, t5 open due 2099, t6 resolved after 4 h then reopened
            assertResolution(rows.get("customer_service"), 3, 1, 2, 4.0, 4.0, 72.0, 1, 1, 1.0, 0, 2);
            // all: hours 1, 4, 10, 26; deadlines 24, 24, 24, 72, 2099's
            assertResolution(rows.get("all"), 6, 4, 2, 7.0, 10 + 0.7 * 16, 24.0, 3, 2, 2.0 / 3, 1, 2);

            assertThat(resolution(c, "2026-01-04 00:00:00", "2026-01-31 00:00:00", "[]", "[]", "[]"))
                    .containsKey("logistics");
            Map<String, Map<String, Object>> finance =
                    resolution(c, "2026-01-05 00:00:00", "2026-01-31 00:00:00", "[]", "[]", "['finance']");
            assertThat(finance).containsOnlyKeys("all", "finance");
            Map<String, Object> all = new LinkedHashMap<>(finance.get("all"));
            all.put("department", "finance");
            assertThat(all).as("all = the one department selected").isEqualTo(finance.get("finance"));
            Map<String, Map<String, Object>> knowledge = resolution(
                    c, "2026-01-05 00:00:00", "2026-01-31 00:00:00", "['agent']", "['agent.knowledge']", "[]");
            assertResolution(knowledge.get("customer_service"), 1, 1, 0, 4.0, 4.0, 24.0, 1, 1, 1.0, 0, 1);
            Map<String, Map<String, Object>> none =
                    resolution(c, "2026-01-05 00:00:00", "2026-01-05 10:30:00", "['agent']", "[]", "[]");
            assertThat(none).as("nothing opened: no rows").isEmpty();
        }
    }

    @Test
    void openComplaintsPastDueNowListedWithAgeAndOverdueHours(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, LIFECYCLE);
            Instant now = Instant.now();
            List<Map<String, Object>> rows = rows(
                    c,
                    "SELECT ticket_id, customer_id, toString(opened_at) AS opened, toString(due_at) AS due, cause,"
                            + " cause_group, department, severity, reopens, age_h, overdue_h"
                            + " FROM complaints_past_due ORDER BY ticket_id");
            assertThat(rows)
                    .extracting(r -> r.get("ticket_id") + " " + r.get("cause") + " " + r.get("department") + " "
                            + r.get("reopens"))
                    .as("t1 was open only before its rewrite, t5 is due in 2099, the others are not open")
                    .containsExactly("t4 agent.attitude customer_service 0", "t6 agent.knowledge customer_service 1");
            Map<String, Object> t4 = rows.get(0);
            double ageH = Duration.between(
                                    OffsetDateTime.parse("2026-01-05T11:00:00Z").toInstant(), now)
                            .toMillis()
                    / 3_600_000.0;
            double overdueH = Duration.between(
                                    OffsetDateTime.parse("2026-01-08T11:00:00Z").toInstant(), now)
                            .toMillis()
                    / 3_600_000.0;
            assertThat(((Number) t4.get("age_h")).doubleValue()).isCloseTo(ageH, within(0.01));
            assertThat(((Number) t4.get("overdue_h")).doubleValue()).isCloseTo(overdueH, within(0.01));
            assertThat(t4.get("due")).isEqualTo("2026-01-08 11:00:00.000");
        }
    }

    @Test
    void spikesPastAndCurrentWithExpectedAndObserved(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            assertThat(rows(c, "SELECT * FROM complaint_spikes_current")).isEmpty();
            execute(c, SPIKES);
            List<Map<String, Object>> history = rows(
                    c,
                    "SELECT spike_id, level, key, cause_group, status, toString(opened_hour) AS opened,"
                            + " toString(closed_hour) AS closed, duration_h, observed, expected, bound, score, ratio,"
                            + " closed_observed, closed_expected FROM complaint_spikes_history ORDER BY spike_id");
            assertThat(history)
                    .extracting(r -> r.get("spike_id") + " " + r.get("level") + " " + r.get("key") + " ("
                            + r.get("cause_group") + ") " + r.get("status") + " " + r.get("opened") + " - "
                            + r.get("closed") + ": " + r.get("observed") + " vs " + r.get("expected") + ", bound "
                            + r.get("bound") + ", score " + r.get("score") + ", closing " + r.get("closed_observed")
                            + " vs " + r.get("closed_expected"))
                    .as("one row per spike, a replayed OPENED once")
                    .containsExactly(
                            "s1 cause company.billing (company) closed 2026-01-05 09:00:00 - 2026-01-05 12:00:00:"
                                    + " 12 vs 3.0, bound 9, score 4.2, closing 2 vs 3.1",
                            "s2 cause_group company (company) open 2026-01-05 10:00:00 - null:"
                                    + " 20 vs 5.0, bound 14, score 5.0, closing null vs null",
                            "s3 cause agent.attitude (agent) open 2026-01-03 08:00:00 - null:"
                                    + " 8 vs 2.0, bound 7, score 3.5, closing null vs null",
                            "s4 cause agent.attitude (agent) open 2026-01-05 10:00:00 - null:"
                                    + " 9 vs 2.0, bound 7, score 3.9, closing null vs null",
                            "s5 cause customer.misuse (customer) closed 2026-01-04 08:00:00 - 2026-01-04 09:00:00:"
                                    + " 6 vs 0.5, bound 4, score 4.4, closing 0 vs 0.5");
            assertThat(((Number) history.get(0).get("duration_h")).doubleValue())
                    .isEqualTo(3.0);
            assertThat(((Number) history.get(0).get("ratio")).doubleValue()).isEqualTo(4.0);
            double openH = Duration.between(
                                    OffsetDateTime.parse("2026-01-05T10:00:00Z").toInstant(), Instant.now())
                            .toSeconds()
                    / 3600.0;
            assertThat(((Number) history.get(1).get("duration_h")).doubleValue())
                    .as("open: hours since its opening hour began")
                    .isCloseTo(openH, within(0.01));

            assertThat(rows(
                            c,
                            "SELECT spike_id, level, key, cause_group, toString(opened_hour) AS opened, observed,"
                                    + " expected, ratio FROM complaint_spikes_current ORDER BY level, key"))
                    .extracting(r -> r.get("spike_id") + " " + r.get("level") + " " + r.get("key") + " "
                            + r.get("opened") + " " + r.get("observed") + "/" + r.get("expected") + " x"
                            + r.get("ratio"))
                    .as("one per level and key: the latest open episode of agent.attitude")
                    .containsExactly(
                            "s4 cause agent.attitude 2026-01-05 10:00:00 9/2.0 x4.5",
                            "s2 cause_group company 2026-01-05 10:00:00 20/5.0 x4.0");
        }
    }

    @Test
    void pickersListWhatTheJobWrote(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, HOURS);
            assertThat(rows(c, "SELECT DISTINCT cause_group FROM complaint_dimensions ORDER BY cause_group"))
                    .extracting(r -> r.get("cause_group"))
                    .containsExactly("agent", "company", "customer");
            assertThat(rows(c, "SELECT DISTINCT department FROM complaint_dimensions ORDER BY department"))
                    .extracting(r -> r.get("department"))
                    .containsExactly("customer_service", "finance", "logistics");
            assertThat(rows(c, "SELECT DISTINCT channel FROM complaint_dimensions ORDER BY channel"))
                    .extracting(r -> r.get("channel"))
                    .containsExactly("chat", "email", "not given", "voice");
        }
    }

    private static List<String> pareto(
            Connection c, String from, String to, String causeGroups, String causes, String departments)
            throws Exception {
        return pareto(c, from, to, causeGroups, causes, departments, "");
    }

    private static List<String> pareto(
            Connection c,
            String from,
            String to,
            String causeGroups,
            String causes,
            String departments,
            String settings)
            throws Exception {
        return rows(
                        c,
                        "SELECT rank, cause, cause_group, complaints, share, cumulative_complaints, cumulative_share"
                                + " FROM complaint_causes_pareto(from = " + instant(from) + ", to = " + instant(to)
                                + ", cause_groups = " + causeGroups + ", causes = " + causes + ", departments = "
                                + departments + ")" + settings)
                .stream()
                .map(r -> String.format(
                        Locale.ROOT,
                        "%s %s %s %s share %.4f cum %s %.4f",
                        r.get("rank"),
                        r.get("cause"),
                        r.get("cause_group"),
                        r.get("complaints"),
                        ((Number) r.get("share")).doubleValue(),
                        r.get("cumulative_complaints"),
                        ((Number) r.get("cumulative_share")).doubleValue()))
                .toList();
    }

    private static Map<String, Map<String, Object>> resolution(
            Connection c, String from, String to, String causeGroups, String causes, String departments)
            throws Exception {
        Map<String, Map<String, Object>> byDepartment = new LinkedHashMap<>();
        for (Map<String, Object> row : rows(
                c,
                "SELECT * FROM complaint_resolution(from = " + instant(from) + ", to = " + instant(to)
                        + ", cause_groups = " + causeGroups + ", causes = " + causes + ", departments = "
                        + departments + ") ORDER BY department")) {
            byDepartment.put((String) row.get("department"), row);
        }
        return byDepartment;
    }

    /** A UTC time as Grafana's $__fromTime / $__toTime pass an instant: toDateTime(epoch seconds). */
    private static String instant(String utc) {
        return "toDateTime(" + OffsetDateTime.parse(utc.replace(' ', 'T') + "Z").toEpochSecond() + ")";
    }

    private static void assertResolution(
            Map<String, Object> row,
            long complaints,
            long resolved,
            long unresolved,
            double medianH,
            double p90H,
            double medianDeadlineH,
            long withDeadline,
            long byDeadline,
            double byDeadlineShare,
            long withoutDeadline,
            long openPastDue) {
        String department = (String) row.get("department");
        assertThat(row)
                .as(department)
                .extractingByKeys(
                        "complaints",
                        "resolved",
                        "unresolved",
                        "resolved_with_deadline",
                        "resolved_by_deadline",
                        "without_deadline",
                        "open_past_due")
                .map(v -> ((Number) v).longValue())
                .containsExactly(
                        complaints, resolved, unresolved, withDeadline, byDeadline, withoutDeadline, openPastDue);
        assertThat(((Number) row.get("median_resolution_h")).doubleValue())
                .as(department + " median")
                .isCloseTo(medianH, within(1e-9));
        assertThat(((Number) row.get("p90_resolution_h")).doubleValue())
                .as(department + " p90")
                .isCloseTo(p90H, within(1e-9));
        assertThat(((Number) row.get("median_deadline_h")).doubleValue())
                .as(department + " median deadline")
                .isCloseTo(medianDeadlineH, within(1e-9));
        assertThat(((Number) row.get("resolved_by_deadline_share")).doubleValue())
                .as(department + " share by deadline")
                .isCloseTo(byDeadlineShare, within(1e-9));
    }
}
