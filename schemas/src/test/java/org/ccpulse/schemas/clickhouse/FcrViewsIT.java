package org.ccpulse.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ccpulse.schemas.clickhouse.SqlRows.execute;
import static org.ccpulse.schemas.clickhouse.SqlRows.rows;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first-contact-resolution views on hand-written rows of the tables the FCR job writes
 * ({@code fcr_contact_outcomes}, {@code fcr_repeat_contacts}, {@code fcr_team_targets}): each view's
 * figures, row by row. Rewrites (a contact written pending, then settled; a repeat written before its
 * reason is known, then with it) are part of the rows, so every view must read settled rows.
 */
@ExtendWith(ComponentsExtension.class)
class FcrViewsIT {

    /**
     * Contacts per window and business day. 7d: 01-05 settled (older); 01-06 settled (the last settled
     * day); 01-07 one contact still pending; 01-08 its only contact came back at once (nothing pending,
     * but event time has not passed the day + window). 24h: 01-07 settled, 01-08 resolved and pending.
     */
    private static final String OUTCOMES = """
            INSERT INTO fcr_contact_outcomes (business_date, window, contact_id, customer_id, completed_at,
                queue, channel, team, agent_id, reason, agent_resolved, status, repeat_contact_id,
                repeat_started_at, version)
            SELECT toDate(d), w, id, concat('cust-', id), toDateTime64(concat(d, ' 10:00:00'), 3, 'UTC'),
                q, ch, t, a, r, ar, s, if(s = 'repeat', concat('r-', id), ''),
                if(s = 'repeat', toDateTime64(concat(d, ' 12:00:00'), 3, 'UTC'), NULL), v
            FROM values('d String, w String, id String, q String, ch String, t String, a String, r String,
                         ar UInt8, s String, v UInt8',
              ('2026-01-05', '7d', 'c01', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'repeat', 1),
              ('2026-01-06', '7d', 'c10', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'pending', 0),
              ('2026-01-06', '7d', 'c10', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'resolved', 1),
              ('2026-01-06', '7d', 'c11', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'resolved', 1),
              ('2026-01-06', '7d', 'c12', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'repeat', 1),
              ('2026-01-06', '7d', 'c13', 'billing', 'chat',  'billing-t1', 'a1', 'billing.dispute', 0, 'resolved', 1),
              ('2026-01-06', '7d', 'c14', 'billing', 'voice', 'billing-t2', 'a2', 'billing.payment', 1, 'resolved', 1),
              ('2026-01-06', '7d', 'c15', 'billing', 'voice', 'billing-t2', 'a2', 'billing.payment', 0, 'repeat', 1),
              ('2026-01-06', '7d', 'c16', 'sales',   'email', 'sales-t1',   'a3', 'sales.upgrade',   1, 'resolved', 1),
              ('2026-01-06', '7d', 'c17', 'sales',   'email', 'sales-t1',   'a3', 'sales.upgrade',   1, 'resolved', 1),
              ('2026-01-06', '7d', 'c18', 'sales',   'email', 'sales-t1',   'a3', '',                1, 'resolved', 1),
              ('2026-01-06', '7d', 'c19', 'sales',   'email', 'sales-t1',   'a3', '',                0, 'repeat', 1),
              ('2026-01-07', '7d', 'c20', 'billing', 'voice', 'billing-t2', 'a2', 'billing.payment', 0, 'resolved', 1),
              ('2026-01-07', '7d', 'c21', 'billing', 'voice', 'billing-t2', 'a2', 'billing.payment', 1, 'pending', 0),
              ('2026-01-08', '7d', 'c30', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'repeat', 1),
              ('2026-01-06', '24h', 'c10', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'resolved', 1),
              ('2026-01-07', '24h', 'c20', 'billing', 'voice', 'billing-t2', 'a2', 'billing.payment', 0, 'resolved', 1),
              ('2026-01-07', '24h', 'c22', 'sales',   'email', 'sales-t1',   'a3', 'sales.upgrade',   1, 'repeat', 1),
              ('2026-01-08', '24h', 'c30', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'resolved', 1),
              ('2026-01-08', '24h', 'c31', 'billing', 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'pending', 0))
            """;

    /** 7d: default 0.70 then 0.75; billing-t1 0.90 then its own 0.50. 24h: sales-t1 only, no default. */
    private static final String TARGETS = """
            INSERT INTO fcr_team_targets (team, window, target, written_at) VALUES
              ('', '7d', 0.70, '2026-01-01 00:00:00'), ('', '7d', 0.75, '2026-01-02 00:00:00'),
              ('billing-t1', '7d', 0.90, '2026-01-01 00:00:00'), ('billing-t1', '7d', 0.50, '2026-01-02 00:00:00'),
              ('sales-t1', '24h', 0.60, '2026-01-02 00:00:00')
            """;

    /**
     * Repeat pairs of 2026-01-06, with delays on and just past the band bounds; c3 and c4 written
     * first without the repeat's reason (version 0), c3 then again with it; c7's repeat ended without
     * a reason (version 1, reason '').
     */
    private static final String REPEATS = """
            INSERT INTO fcr_repeat_contacts (first_business_date, first_contact_id, repeat_contact_id, customer_id,
                first_completed_at, repeat_started_at, delay_s, first_queue, first_channel, first_team,
                first_agent_id, first_reason, first_agent_resolved, repeat_queue, repeat_channel, repeat_reason,
                channel_changed, version)
            SELECT toDate('2026-01-06'), f, r, concat('cust-', f), toDateTime64('2026-01-06 10:00:00', 3, 'UTC'),
                toDateTime64('2026-01-06 10:00:00', 3, 'UTC') + toIntervalMillisecond(toInt64(d * 1000)), d,
                fq, fch, 'billing-t1', 'a1', fr, ar, rq, rch, rr, toUInt8(fch != rch), v
            FROM values('f String, r String, d Float64, fq String, fch String, fr String, ar UInt8, rq String,
                         rch String, rr String, v UInt8',
              ('c1', 'r1', 3600,     'billing', 'voice', 'billing.dispute', 1, 'billing',   'voice', 'billing.payment', 1),
              ('c2', 'r2', 3600.001, 'billing', 'voice', 'billing.dispute', 1, 'technical', 'chat',  'technical.setup', 1),
              ('c3', 'r3', 86400,    'billing', 'voice', 'billing.dispute', 0, 'billing',   'chat',  '',                0),
              ('c3', 'r3', 86400,    'billing', 'voice', 'billing.dispute', 0, 'billing',   'chat',  'billing.refund',  1),
              ('c4', 'r4', 90000,    'billing', 'voice', 'billing.dispute', 1, 'billing',   'voice', '',                0),
              ('c5', 'r5', 604800,   'billing', 'email', '',                1, 'billing',   'email', 'billing.invoice', 1),
              ('c6', 'r6', 2592001,  'billing', 'email', 'billing.invoice', 0, 'billing',   'voice', 'billing.invoice', 1),
              ('c7', 'r7', 7200,     'billing', 'chat',  'billing.refund',  0, 'billing',   'chat',  '',                1))
            """;

    @Test
    void functionsShareAndWindowLength(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            Map<String, Object> row = rows(
                            c,
                            "SELECT ccpulse_share(3, 4) AS share, ccpulse_share(0, 0) AS none, "
                                    + "ccpulse_fcr_window_s('24h') AS h24, ccpulse_fcr_window_s('72h') AS h72, "
                                    + "ccpulse_fcr_window_s('7d') AS d7, ccpulse_fcr_window_s('30d') AS d30, "
                                    + "ccpulse_fcr_window_s('7d_same_issue') AS same, ccpulse_fcr_window_s('1h') AS h1, "
                                    + "ccpulse_fcr_window_s('2w') AS w2, ccpulse_fcr_window_s('7 days') AS bad")
                    .get(0);
            assertThat(((Number) row.get("share")).doubleValue()).isEqualTo(0.75);
            assertThat(row.get("none")).as("nothing counted: no share").isNull();
            assertThat(row)
                    .extractingByKeys("h24", "h72", "d7", "d30", "same", "h1", "w2")
                    .map(v -> ((Number) v).longValue())
                    .containsExactly(86_400L, 259_200L, 604_800L, 2_592_000L, 604_800L, 3_600L, 1_209_600L);
            assertThat(row.get("bad")).isNull();
        }
    }

    @Test
    void agentReportedAgainstMeasuredOverSettledContactsOnly(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, OUTCOMES);
            List<Map<String, Object>> rows = rows(
                    c,
                    "SELECT agent_id, team, queue, reason, contacts, marked_resolved, marked_resolved_share,"
                            + " measured_resolved, fcr, marked_resolved_came_back FROM fcr_agent_reported"
                            + " WHERE business_date = '2026-01-06' AND window = '7d' ORDER BY agent_id, reason");
            assertThat(rows).hasSize(4);
            // a1: c10 (pending, then resolved), c11 resolved, c12 marked resolved but came back, c13 not marked
            assertRow(rows.get(0), "a1", "billing-t1", "billing", "billing.dispute", 4, 3, 0.75, 3, 0.75, 1);
            assertRow(rows.get(1), "a2", "billing-t2", "billing", "billing.payment", 2, 1, 0.5, 1, 0.5, 0);
            assertRow(rows.get(2), "a3", "sales-t1", "sales", "", 2, 1, 0.5, 1, 0.5, 0);
            assertRow(rows.get(3), "a3", "sales-t1", "sales", "sales.upgrade", 2, 2, 1.0, 2, 1.0, 0);

            List<Map<String, Object>> withPending = rows(
                    c,
                    "SELECT contacts, marked_resolved, measured_resolved FROM fcr_agent_reported"
                            + " WHERE business_date = '2026-01-07' AND window = '7d'");
            assertThat(withPending).as("c21 pending is in no column").hasSize(1);
            assertThat(withPending.get(0))
                    .extractingByKeys("contacts", "marked_resolved", "measured_resolved")
                    .map(v -> ((Number) v).longValue())
                    .containsExactly(1L, 0L, 1L);
        }
    }

    @Test
    void repeatsWithDelayBandsOnTheWindowsSwitchesAndSameIssue(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, REPEATS);
            List<Map<String, Object>> rows = rows(
                    c,
                    "SELECT first_contact_id, delay_band, delay_band_max_s, channel_changed, queue_changed, same_issue,"
                            + " repeat_completed, repeat_reason FROM fcr_repeats ORDER BY first_contact_id");
            assertThat(rows)
                    .extracting(r -> r.get("first_contact_id") + " " + r.get("delay_band"))
                    .as("one row per pair; a band includes its upper bound, as a window does")
                    .containsExactly("c1 0-1h", "c2 1-24h", "c3 1-24h", "c4 1-3d", "c5 3-7d", "c6 > 30d", "c7 1-24h");
            assertThat(rows)
                    .extracting(r -> ((Number) r.get("delay_band_max_s")).doubleValue())
                    .containsExactly(3600.0, 86400.0, 86400.0, 259200.0, 604800.0, Double.POSITIVE_INFINITY, 86400.0);
            assertThat(rows)
                    .extracting(r -> r.get("same_issue") == null ? null : ((Number) r.get("same_issue")).intValue())
                    .as("billing/billing, billing/technical, billing/billing (reason known on rewrite), repeat's"
                            + " reason not known yet, first contact without reason (no issue to repeat),"
                            + " invoice/invoice, repeat ended without reason")
                    .containsExactly(1, 0, 1, null, 0, 1, 0);
            assertThat(rows)
                    .extracting(r -> ((Number) r.get("channel_changed")).intValue())
                    .containsExactly(0, 1, 1, 0, 0, 1, 0);
            assertThat(rows)
                    .extracting(r -> ((Number) r.get("queue_changed")).intValue())
                    .containsExactly(0, 1, 0, 0, 0, 0, 0);
            assertThat(rows)
                    .extracting(r -> ((Number) r.get("repeat_completed")).intValue())
                    .containsExactly(1, 1, 1, 0, 1, 1, 1);
            assertThat(rows.get(2).get("repeat_reason")).isEqualTo("billing.refund");

            List<Map<String, Object>> drivers = rows(
                    c,
                    "SELECT first_reason, first_channel, repeat_channel, channel_changed, delay_band, repeats,"
                            + " same_issue_repeats, marked_resolved_repeats FROM fcr_repeat_drivers"
                            + " ORDER BY delay_band_max_s, first_channel");
            assertThat(drivers)
                    .extracting(
                            r -> r.get("first_reason") + " " + r.get("first_channel") + ">" + r.get("repeat_channel")
                                    + " " + r.get("delay_band") + ": " + r.get("repeats") + " repeats, "
                                    + r.get("same_issue_repeats") + " same issue, " + r.get("marked_resolved_repeats")
                                    + " marked resolved")
                    .containsExactly(
                            "billing.dispute voice>voice 0-1h: 1 repeats, 1 same issue, 1 marked resolved",
                            "billing.refund chat>chat 1-24h: 1 repeats, 0 same issue, 0 marked resolved",
                            "billing.dispute voice>chat 1-24h: 2 repeats, 1 same issue, 1 marked resolved",
                            "billing.dispute voice>voice 1-3d: 1 repeats, 0 same issue, 1 marked resolved",
                            " email>email 3-7d: 1 repeats, 0 same issue, 1 marked resolved",
                            "billing.invoice email>voice > 30d: 1 repeats, 1 same issue, 0 marked resolved");
            Map<String, Object> within = rows(
                            c,
                            "SELECT sumIf(repeats, delay_band_max_s <= ccpulse_fcr_window_s('24h')) AS h24,"
                                    + " sumIf(repeats, delay_band_max_s <= ccpulse_fcr_window_s('7d')) AS d7,"
                                    + " sumIf(repeats, delay_band_max_s <= ccpulse_fcr_window_s('30d')) AS d30"
                                    + " FROM fcr_repeat_drivers")
                    .get(0);
            assertThat(within)
                    .as("repeats within 24h, 7d, 30d: the bands line up with the windows")
                    .extractingByKeys("h24", "d7", "d30")
                    .map(v -> ((Number) v).longValue())
                    .containsExactly(4L, 6L, 6L);
        }
    }

    @Test
    void lastSettledDayIsTheLatestWithNothingPendingAndEventTimePastIt(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            assertThat(rows(c, "SELECT * FROM fcr_settled_day"))
                    .as("no contacts: no settled day")
                    .isEmpty();
            execute(c, OUTCOMES);
            assertThat(rows(c, "SELECT window, toString(business_date) AS day FROM fcr_settled_day ORDER BY window"))
                    .extracting(r -> r.get("window") + " " + r.get("day"))
                    .as("7d: 01-07 has a pending contact, 01-08 nothing resolved after it; 24h: 01-08 pending")
                    .containsExactly("24h 2026-01-07", "7d 2026-01-06");
        }
    }

    @Test
    void teamVsTargetOnTheLastSettledDayWithTheTeamsOwnOrTheDefaultTarget(ClickHouseEndpoint clickHouse)
            throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, OUTCOMES);
            execute(c, TARGETS);
            List<Map<String, Object>> rows = rows(
                    c,
                    "SELECT team, window, toString(business_date) AS day, eligible, resolved, fcr, target, below_target"
                            + " FROM fcr_team_vs_target ORDER BY window, team");
            assertThat(rows)
                    .extracting(r -> r.get("window") + " " + r.get("team") + " " + r.get("day") + " "
                            + r.get("eligible") + "/" + r.get("resolved") + " target " + r.get("target") + " below "
                            + r.get("below_target"))
                    .containsExactly(
                            "24h billing-t2 2026-01-07 1/1 target null below null",
                            "24h sales-t1 2026-01-07 1/0 target 0.6 below 1",
                            "7d billing-t1 2026-01-06 4/3 target 0.5 below 0",
                            "7d billing-t2 2026-01-06 2/1 target 0.75 below 1",
                            "7d sales-t1 2026-01-06 4/3 target 0.75 below 0");
            assertThat(((Number) rows.get(2).get("fcr")).doubleValue()).isCloseTo(0.75, within(1e-12));
            assertThat(((Number) rows.get(3).get("fcr")).doubleValue()).isCloseTo(0.5, within(1e-12));

            execute(
                    c,
                    "INSERT INTO fcr_team_targets (team, window, target, written_at) VALUES"
                            + " ('billing-t1', '7d', 0.80, '2026-01-03 00:00:00')");
            assertThat(rows(
                            c,
                            "SELECT below_target FROM fcr_team_vs_target WHERE window = '7d' AND team = 'billing-t1'"))
                    .as("the newest target wins: 0.75 < 0.80")
                    .extracting(r -> ((Number) r.get("below_target")).intValue())
                    .containsExactly(1);
        }
    }

    @Test
    void pickersListWhatTheJobWrote(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            execute(c, OUTCOMES);
            assertThat(rows(c, "SELECT DISTINCT window, window_s FROM fcr_dimensions ORDER BY window_s"))
                    .extracting(r -> r.get("window") + " " + r.get("window_s"))
                    .containsExactly("24h 86400", "7d 604800");
            assertThat(rows(c, "SELECT DISTINCT window FROM fcr_dimensions ORDER BY ccpulse_fcr_window_s(window) DESC"))
                    .as("as the dashboard's window picker lists them, by length")
                    .extracting(r -> r.get("window"))
                    .containsExactly("7d", "24h");
            assertThat(rows(c, "SELECT DISTINCT team FROM fcr_dimensions ORDER BY team"))
                    .extracting(r -> r.get("team"))
                    .containsExactly("billing-t1", "billing-t2", "sales-t1");
            assertThat(rows(c, "SELECT DISTINCT reason FROM fcr_dimensions ORDER BY reason"))
                    .extracting(r -> r.get("reason"))
                    .containsExactly("", "billing.dispute", "billing.payment", "sales.upgrade");
        }
    }

    private static void assertRow(
            Map<String, Object> row,
            String agent,
            String team,
            String queue,
            String reason,
            long contacts,
            long marked,
            double markedShare,
            long measured,
            double fcr,
            long cameBack) {
        assertThat(row)
                .extractingByKeys("agent_id", "team", "queue", "reason")
                .containsExactly(agent, team, queue, reason);
        assertThat(row)
                .extractingByKeys("contacts", "marked_resolved", "measured_resolved", "marked_resolved_came_back")
                .map(v -> ((Number) v).longValue())
                .as(agent + " " + reason)
                .containsExactly(contacts, marked, measured, cameBack);
        assertThat(((Number) row.get("marked_resolved_share")).doubleValue()).isCloseTo(markedShare, within(1e-12));
        assertThat(((Number) row.get("fcr")).doubleValue()).isCloseTo(fcr, within(1e-12));
    }
}
