package org.ccpulse.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ccpulse.schemas.clickhouse.SqlRows.rows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer-value views on hand-written rows of the three tables the customer-value job will write
 * ({@code customer_rfm_state}, {@code customer_tier_cut_points}, {@code churn_alerts}), with the complaints
 * and first-contact-resolution rows the dashboard's contacts panel reads ({@code complaint_lifecycle},
 * {@code fcr_repeat_contacts}); every value bound as a parameter. Rewrites (a customer changed twice, a
 * cut-point and an alert event written again on a replay, a complaint and a repeat written twice) are part
 * of the rows, so every view must read settled rows.
 *
 * <p>The scenario, as of the job's event time 2026-04-01 00:00 UTC (the latest cut-points):
 *
 * <ul>
 *   <li>c-top: F 10, TM 5,000, last purchase 02-01 (P 36.5 d, R 59 d): top; alert opened 03-10 12:00,
 *       escalated 03-15 (complaint) and 03-16 (repeat contact), open;
 *   <li>c-high: F 4, TM 2,000, last purchase 2025-11-20 (P 91.25 d, R 132 d): high; a first alert opened
 *       2025-08-01, escalated (open ticket, repeat contact), resolved by the purchase of 2025-11-20; a
 *       second one opened 2026-02-19 06:00, open;
 *   <li>c-res: F 4, TM 1,000, last purchase 01-25 (R 66 d): mid now; its alert (opened 01-05 as high,
 *       escalated for a complaint) was resolved by that purchase;
 *   <li>c-mid: F 2, TM 300, last purchase 2025-09-01 (P 182.5 d, R 212 d): mid by the latest cut-points
 *       (low by the earlier ones); an alert opened 03-02 12:00 (a deployment alerting mid too);
 *   <li>c-low: F 2, TM 50, overdue (R 243 d), no alert; c-new: F 1, TM 20, bought 03-30;
 *   <li>c-gone: its only order left the window (a last row with F 0): not a ranked customer.
 * </ul>
 *
 * Cut-points: 03-01 (1,000 customers; top from 6,000, high from 1,500, mid from 500) and 04-01 (1,200;
 * 4,000, 1,500, 200), the latter written twice.
 */
@ExtendWith(ComponentsExtension.class)
class CustomerValueViewsIT {

    static final String AS_OF = "2026-04-01 00:00:00.000";

    @Test
    void customerRfmMeasuresRAtTheJobsEventTimeAndTiersByTheLatestCutPoints(ClickHouseEndpoint clickHouse)
            throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            writeScenario(c);
            assertThat(rows(c, "SELECT toString(as_of) AS a FROM customer_value_as_of"))
                    .extracting(r -> r.get("a"))
                    .containsExactly(AS_OF);
            List<Map<String, Object>> rfm = rows(
                    c,
                    "SELECT customer_id, f, tm, m, p_days, r_days, delta_days, tier, toString(as_of) AS as_of"
                            + " FROM customer_rfm ORDER BY customer_id");
            assertThat(rfm)
                    .extracting(r -> r.get("customer_id") + " " + r.get("tier") + " f=" + r.get("f") + " tm="
                            + ((BigDecimal) r.get("tm")).stripTrailingZeros().toPlainString())
                    .as("c-gone (F 0 now) is not a ranked customer; tiers by the cut-points of 04-01 (c-mid would"
                            + " be low by those of 03-01, c-top high)")
                    .containsExactly(
                            "c-high high f=4 tm=2000",
                            "c-low low f=2 tm=50",
                            "c-mid mid f=2 tm=300",
                            "c-new low f=1 tm=20",
                            "c-res mid f=4 tm=1000",
                            "c-top top f=10 tm=5000");
            Map<String, Map<String, Object>> byId = byCustomer(rfm);
            assertFigures(byId.get("c-top"), 500.0, 36.5, 59.0);
            assertFigures(byId.get("c-high"), 500.0, 91.25, 132.0);
            assertFigures(byId.get("c-res"), 250.0, 91.25, 66.0);
            assertFigures(byId.get("c-mid"), 150.0, 182.5, 212.0);
            assertFigures(byId.get("c-new"), 20.0, 365.0, 2.0);
            assertThat(rfm).allSatisfy(r -> assertThat(r.get("as_of")).isEqualTo(AS_OF));
        }
    }

    @Test
    void beforeAnyCutPointsTheTierIsEmptyAndComplaintsCountAsNone(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            writeCustomers(c);
            writeComplaints(c);
            assertThat(rows(c, "SELECT DISTINCT tier FROM customer_rfm"))
                    .extracting(r -> r.get("tier"))
                    .as("no cut-points yet: no tier")
                    .containsExactly("");
            assertThat(rows(c, "SELECT DISTINCT tier FROM complaints_by_tier"))
                    .extracting(r -> r.get("tier"))
                    .containsExactly("none");
            assertThat(rows(c, "SELECT toString(as_of) AS a FROM customer_value_as_of"))
                    .extracting(r -> r.get("a"))
                    .as("the latest customer change")
                    .containsExactly("2026-03-30 00:00:00.000");
        }
    }

    @Test
    void tierCutsOverTimeWithTheNominalSizes(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            writeScenario(c);
            assertThat(
                            rows(
                                    c,
                                    "SELECT toString(as_of) AS a, customers, top_min_tm, high_min_tm, mid_min_tm, top_customers,"
                                            + " high_customers, mid_customers, low_customers FROM customer_tier_cuts ORDER BY as_of"))
                    .extracting(r -> r.get("a") + " " + r.get("customers") + ": " + money(r.get("top_min_tm")) + "/"
                            + money(r.get("high_min_tm")) + "/" + money(r.get("mid_min_tm")) + " sizes "
                            + count(r.get("top_customers")) + "/" + count(r.get("high_customers")) + "/"
                            + count(r.get("mid_customers")) + "/" + count(r.get("low_customers")))
                    .as("the cut-points of 04-01 written twice are one row; sizes as the cuts make them (50 customers:"
                            + " 1 top, not 0 as rounding 0.5 would; 300: 12 high, not 11 as 0.95 x 300 in floating point"
                            + " would)")
                    .containsExactly(
                            "2026-02-01 00:00:00.000 50: 9000/2500/900 sizes 1/2/7/40",
                            "2026-02-15 00:00:00.000 300: 8000/2000/700 sizes 3/12/45/240",
                            "2026-03-01 00:00:00.000 1000: 6000/1500/500 sizes 10/40/150/800",
                            "2026-04-01 00:00:00.000 1200: 4000/1500/200 sizes 12/48/180/960");
        }
    }

    @Test
    void churnAlertsCurrentIsEachCustomersLatestAlertWithTheFiguresNowWhileOpen(ClickHouseEndpoint clickHouse)
            throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            writeScenario(c);
            List<Map<String, Object>> current = rows(
                    c,
                    "SELECT customer_id, status, tier, toString(opened_at) AS opened, r_days, p_days, tm,"
                            + " arrayStringConcat(arraySort(escalation_reasons), ',') AS reasons"
                            + " FROM churn_alerts_current ORDER BY customer_id");
            assertThat(current)
                    .extracting(r -> r.get("customer_id") + " " + r.get("status") + " " + r.get("tier") + " "
                            + r.get("opened") + " [" + r.get("reasons") + "] tm=" + money(r.get("tm")))
                    .as("the latest event of each customer's latest alert; the tier it was opened with (c-res was"
                            + " high); every reason of its escalations; c-high's second alert, not the resolved one")
                    .containsExactly(
                            "c-high OPENED high 2026-02-19 06:00:00.000 [] tm=2000",
                            "c-mid OPENED mid 2026-03-02 12:00:00.000 [] tm=300",
                            "c-res RESOLVED high 2026-01-05 00:00:00.000 [complaint] tm=1000",
                            "c-top ESCALATED top 2026-03-10 12:00:00.000 [complaint,repeat_contact] tm=5000");
            Map<String, Map<String, Object>> byId = byCustomer(current);
            assertThat(number(byId.get("c-top").get("r_days")))
                    .as("open: R now (59 days at as_of), not at the escalation (41.4)")
                    .isCloseTo(59.0, within(1e-9));
            assertThat(number(byId.get("c-high").get("r_days"))).isCloseTo(132.0, within(1e-9));
            assertThat(number(byId.get("c-high").get("p_days"))).isCloseTo(91.25, within(1e-9));
            assertThat(number(byId.get("c-res").get("r_days")))
                    .as("resolved: the figures at resolution (R 0), not now (66)")
                    .isCloseTo(0.0, within(1e-9));
            assertThat(number(byId.get("c-res").get("p_days"))).isCloseTo(91.25, within(1e-9));

            assertThat(rows(
                            c,
                            "SELECT customer_id, status, toString(ts) AS ts FROM churn_alert_history"
                                    + " WHERE customer_id IN ('c-top', 'c-high')"))
                    .extracting(r -> r.get("customer_id") + " " + r.get("status") + " " + r.get("ts"))
                    .as("every event once (the replayed OPENED collapsed), newest first per customer")
                    .containsExactly(
                            "c-high OPENED 2026-02-19 06:00:00.000",
                            "c-high RESOLVED 2025-11-20 00:00:00.000",
                            "c-high ESCALATED 2025-08-05 00:00:00.000",
                            "c-high OPENED 2025-08-01 00:00:00.000",
                            "c-top ESCALATED 2026-03-16 09:00:00.000",
                            "c-top ESCALATED 2026-03-15 09:00:00.000",
                            "c-top OPENED 2026-03-10 12:00:00.000");
        }
    }

    @Test
    void overdueCustomersWithTheirOpenAlert(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            writeScenario(c);
            List<Map<String, Object>> overdue = rows(
                    c,
                    "SELECT customer_id, tier, overdue_days, overdue_ratio, alert_status,"
                            + " toString(alert_opened_at) AS opened,"
                            + " arrayStringConcat(arraySort(escalation_reasons), ',') AS reasons"
                            + " FROM customer_value_overdue ORDER BY customer_id");
            assertThat(overdue)
                    .extracting(r -> r.get("customer_id") + " " + r.get("tier") + " " + r.get("alert_status") + " "
                            + r.get("opened") + " [" + r.get("reasons") + "]")
                    .as("R > P only (not c-res, R 66 < P 91.25, nor c-new); c-low has no alert")
                    .containsExactly(
                            "c-high high OPENED 2026-02-19 06:00:00.000 []",
                            "c-low low  null []",
                            "c-mid mid OPENED 2026-03-02 12:00:00.000 []",
                            "c-top top ESCALATED 2026-03-10 12:00:00.000 [complaint,repeat_contact]");
            Map<String, Map<String, Object>> byId = byCustomer(overdue);
            assertOverdue(byId.get("c-top"), 22.5, 59.0 / 36.5);
            assertOverdue(byId.get("c-high"), 40.75, 132.0 / 91.25);
            assertOverdue(byId.get("c-mid"), 29.5, 212.0 / 182.5);
            assertOverdue(byId.get("c-low"), 60.5, 243.0 / 182.5);
        }
    }

    @Test
    void resolutionsFromOpeningToTheResolvingPurchase(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            writeScenario(c);
            assertThat(rows(
                            c,
                            "SELECT alert_id, customer_id, tier, toString(opened_at) AS o, toString(resolved_at) AS r,"
                                    + " days_to_resolve, escalated, arrayStringConcat(escalation_reasons, ',') AS reasons"
                                    + " FROM churn_alert_resolutions ORDER BY alert_id"))
                    .extracting(r -> r.get("alert_id") + " " + r.get("customer_id") + " " + r.get("tier") + " "
                            + r.get("o") + " -> " + r.get("r") + ": " + number(r.get("days_to_resolve")) + " days,"
                            + " escalated " + r.get("escalated") + " [" + r.get("reasons") + "]")
                    .as("resolved alerts only (not c-top's, c-high's second or c-mid's, still open)")
                    .containsExactly(
                            "a-high-1 c-high high 2025-08-01 00:00:00.000 -> 2025-11-20 00:00:00.000: 111.0 days,"
                                    + " escalated 1 [open_ticket,repeat_contact]",
                            "a-res c-res high 2026-01-05 00:00:00.000 -> 2026-01-25 00:00:00.000: 20.0 days,"
                                    + " escalated 1 [complaint]");
        }
    }

    @Test
    void complaintsAndRepeatContactsOfAlertedCustomersInTheAlertsWindow(ClickHouseEndpoint clickHouse)
            throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            writeScenario(c);
            assertThat(rows(
                            c,
                            "SELECT customer_id, status, tier, toString(resolved_at) AS res, complaints, open_complaints,"
                                    + " toString(last_complaint_at) AS lc, repeat_contacts, toString(last_repeat_at) AS lr"
                                    + " FROM churn_alert_contacts ORDER BY customer_id"))
                    .extracting(r -> r.get("customer_id") + " " + r.get("status") + " " + r.get("tier") + " resolved "
                            + r.get("res") + ": complaints " + r.get("complaints") + " (open "
                            + r.get("open_complaints")
                            + ", last " + r.get("lc") + "), repeats " + r.get("repeat_contacts") + " (last "
                            + r.get("lr") + ")")
                    .as("from 30 days before the opening to the resolution (open: no end): c-top's complaint of"
                            + " 01-02 and repeat of 01-02 are too early, its repeat k3 (after two first contacts)"
                            + " counts once; c-res's complaint and repeat after its resolution do not count")
                    .containsExactly(
                            "c-high OPENED high resolved null: complaints 0 (open 0, last null), repeats 0 (last null)",
                            "c-mid OPENED mid resolved null: complaints 1 (open 0, last 2026-03-05 10:00:00.000),"
                                    + " repeats 0 (last null)",
                            "c-res RESOLVED high resolved 2026-01-25 00:00:00.000: complaints 1 (open 0, last"
                                    + " 2026-01-11 10:00:00.000), repeats 1 (last 2026-01-12 08:00:00.000)",
                            "c-top ESCALATED top resolved null: complaints 1 (open 1, last 2026-03-12 10:00:00.000),"
                                    + " repeats 1 (last 2026-03-14 09:00:00.000)");
        }
    }

    @Test
    void complaintsByTierNowWithNoneForCustomersWithoutPurchases(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = SqlSurfaceIT.freshDatabase(clickHouse, Migrations.bundled())) {
            writeScenario(c);
            assertThat(rows(
                            c,
                            "SELECT toString(business_date) AS d, tier, cause_group, cause, complaints"
                                    + " FROM complaints_by_tier ORDER BY d, tier, cause"))
                    .extracting(r -> r.get("d") + " " + r.get("tier") + " " + r.get("cause_group") + " "
                            + r.get("cause") + " " + r.get("complaints"))
                    .as("the tier now (c-res is mid, whatever it was when it complained); 'none' without a"
                            + " customer or for one without purchases in the year; t1 written twice counts once")
                    .containsExactly(
                            "2026-01-02 top company company.delivery 1",
                            "2026-01-11 mid agent agent.attitude 1",
                            "2026-02-01 mid company company.billing 1",
                            "2026-03-05 mid company company.billing 1",
                            "2026-03-12 top company company.billing 1",
                            "2026-03-20 none agent agent.attitude 1",
                            "2026-03-20 none company company.billing 1");
        }
    }

    // ---- the scenario ------------------------------------------------------------------------------------

    /** Every row of the scenario (see the class comment). */
    static void writeScenario(Connection c) throws Exception {
        writeCustomers(c);
        writeCutPoints(c);
        writeAlerts(c);
        writeComplaints(c);
        writeRepeats(c);
    }

    static void writeCustomers(Connection c) throws Exception {
        insert(
                c,
                "INSERT INTO customer_rfm_state (customer_id, f, tm, last_purchase_at, changed_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                List.of(
                        row("c-top", 9, "4500", "2026-01-20 00:00:00", "2026-01-20 00:00:00", 1L),
                        row("c-top", 10, "5000", "2026-02-01 00:00:00", "2026-02-01 00:00:00", 2L),
                        row("c-high", 4, "2000", "2025-11-20 00:00:00", "2025-11-20 00:00:00", 1L),
                        row("c-res", 4, "1000", "2026-01-25 00:00:00", "2026-01-25 00:00:00", 1L),
                        row("c-mid", 2, "300", "2025-09-01 00:00:00", "2025-09-01 00:00:00", 1L),
                        row("c-low", 2, "50", "2025-08-01 00:00:00", "2025-08-01 00:00:00", 1L),
                        row("c-new", 1, "20", "2026-03-30 00:00:00", "2026-03-30 00:00:00", 1L),
                        row("c-gone", 1, "80", "2025-03-15 00:00:00", "2025-03-15 00:00:00", 1L),
                        row("c-gone", 0, "0", null, "2026-03-15 00:00:00", 2L)));
    }

    static void writeCutPoints(Connection c) throws Exception {
        insert(
                c,
                "INSERT INTO customer_tier_cut_points (as_of, customers, top_min_tm, high_min_tm, mid_min_tm, written_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                List.of(
                        row("2026-02-01 00:00:00", 50L, "9000", "2500", "900", "2026-02-01 00:00:05"),
                        row("2026-02-15 00:00:00", 300L, "8000", "2000", "700", "2026-02-15 00:00:05"),
                        row("2026-03-01 00:00:00", 1000L, "6000", "1500", "500", "2026-03-01 00:00:05"),
                        row("2026-04-01 00:00:00", 1200L, "4000", "1500", "200", "2026-04-01 00:00:05"),
                        row("2026-04-01 00:00:00", 1200L, "4000", "1500", "200", "2026-04-02 08:00:00")));
    }

    static void writeAlerts(Connection c) throws Exception {
        insert(
                c,
                "INSERT INTO churn_alerts (alert_id, event_id, customer_id, status, ts, opened_at, tier, f, tm, m,"
                        + " p_days, r_days, delta_days, escalation_reasons, written_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?)",
                List.of(
                        alert(
                                "a-top",
                                "c-top",
                                "OPENED",
                                "2026-03-10 12:00:00",
                                "2026-03-10 12:00:00",
                                "top",
                                10,
                                "5000",
                                36.5,
                                36.5,
                                List.of(),
                                "2026-03-10 12:00:01"),
                        alert(
                                "a-top",
                                "c-top",
                                "OPENED",
                                "2026-03-10 12:00:00",
                                "2026-03-10 12:00:00",
                                "top",
                                10,
                                "5000",
                                36.5,
                                36.5,
                                List.of(),
                                "2026-03-11 07:00:00"),
                        alert(
                                "a-top",
                                "c-top",
                                "ESCALATED",
                                "2026-03-15 09:00:00",
                                "2026-03-10 12:00:00",
                                "top",
                                10,
                                "5000",
                                36.5,
                                41.375,
                                List.of("complaint"),
                                "2026-03-15 09:00:01"),
                        alert(
                                "a-top",
                                "c-top",
                                "ESCALATED",
                                "2026-03-16 09:00:00",
                                "2026-03-10 12:00:00",
                                "top",
                                10,
                                "5000",
                                36.5,
                                42.375,
                                List.of("repeat_contact"),
                                "2026-03-16 09:00:01"),
                        alert(
                                "a-high-1",
                                "c-high",
                                "OPENED",
                                "2025-08-01 00:00:00",
                                "2025-08-01 00:00:00",
                                "high",
                                3,
                                "1500",
                                121.6667,
                                121.6667,
                                List.of(),
                                "2025-08-01 00:00:01"),
                        alert(
                                "a-high-1",
                                "c-high",
                                "ESCALATED",
                                "2025-08-05 00:00:00",
                                "2025-08-01 00:00:00",
                                "high",
                                3,
                                "1500",
                                121.6667,
                                125.6667,
                                List.of("repeat_contact", "open_ticket"),
                                "2025-08-05 00:00:01"),
                        alert(
                                "a-high-1",
                                "c-high",
                                "RESOLVED",
                                "2025-11-20 00:00:00",
                                "2025-08-01 00:00:00",
                                "high",
                                4,
                                "2000",
                                91.25,
                                0,
                                List.of(),
                                "2025-11-20 00:00:01"),
                        alert(
                                "a-high-2",
                                "c-high",
                                "OPENED",
                                "2026-02-19 06:00:00",
                                "2026-02-19 06:00:00",
                                "high",
                                4,
                                "2000",
                                91.25,
                                91.25,
                                List.of(),
                                "2026-02-19 06:00:01"),
                        alert(
                                "a-res",
                                "c-res",
                                "OPENED",
                                "2026-01-05 00:00:00",
                                "2026-01-05 00:00:00",
                                "high",
                                3,
                                "900",
                                121.6667,
                                121.6667,
                                List.of(),
                                "2026-01-05 00:00:01"),
                        alert(
                                "a-res",
                                "c-res",
                                "ESCALATED",
                                "2026-01-12 00:00:00",
                                "2026-01-05 00:00:00",
                                "high",
                                3,
                                "900",
                                121.6667,
                                128.6667,
                                List.of("complaint"),
                                "2026-01-12 00:00:01"),
                        alert(
                                "a-res",
                                "c-res",
                                "RESOLVED",
                                "2026-01-25 00:00:00",
                                "2026-01-05 00:00:00",
                                "high",
                                4,
                                "1000",
                                91.25,
                                0,
                                List.of(),
                                "2026-01-25 00:00:01"),
                        alert(
                                "a-mid",
                                "c-mid",
                                "OPENED",
                                "2026-03-02 12:00:00",
                                "2026-03-02 12:00:00",
                                "mid",
                                2,
                                "300",
                                182.5,
                                182.5,
                                List.of(),
                                "2026-03-02 12:00:01")));
    }

    /**
     * Complaints: t1 (c-top, 03-12, open, written twice), t2 (c-top, 01-02, before its alert's window), t3
     * (c-res, 01-11, in its window), t4 (c-res, 02-01, after its resolution), t5 (no customer), t6 (a customer
     * without purchases), t7 (c-mid, 03-05).
     */
    static void writeComplaints(Connection c) throws Exception {
        insert(
                c,
                "INSERT INTO complaint_lifecycle (business_date, ticket_id, customer_id, opened_at, cause, cause_group,"
                        + " product, department, channel, severity, due_at, first_resolved_at, closed_at, reopens, status,"
                        + " version) VALUES (?, ?, ?, ?, ?, ?, 'p1', 'finance', 'voice', 'high', NULL, NULL, NULL, 0, ?, ?)",
                List.of(
                        complaint("t1", "c-top", "2026-03-12", "company.billing", "open", 1),
                        complaint("t1", "c-top", "2026-03-12", "company.billing", "open", 2),
                        complaint("t2", "c-top", "2026-01-02", "company.delivery", "resolved", 2),
                        complaint("t3", "c-res", "2026-01-11", "agent.attitude", "resolved", 2),
                        complaint("t4", "c-res", "2026-02-01", "company.billing", "open", 1),
                        complaint("t5", "", "2026-03-20", "company.billing", "open", 1),
                        complaint("t6", "c-unknown", "2026-03-20", "agent.attitude", "open", 1),
                        complaint("t7", "c-mid", "2026-03-05", "company.billing", "resolved", 2)));
    }

    /**
     * Repeat contacts: c-top's k3 on 03-14 09:00, the next contact after k1 and after k2 (two rows); c-top's
     * k00 on 01-02 (too early); c-res's k6 on 01-12 08:00 (written before and after its reason was known);
     * c-res's k8 on 01-27 (after its resolution).
     */
    static void writeRepeats(Connection c) throws Exception {
        insert(
                c,
                "INSERT INTO fcr_repeat_contacts (first_business_date, first_contact_id, repeat_contact_id, customer_id,"
                        + " first_completed_at, repeat_started_at, delay_s, first_queue, first_channel, first_team,"
                        + " first_agent_id, first_reason, first_agent_resolved, repeat_queue, repeat_channel,"
                        + " repeat_reason, channel_changed, version) VALUES (?, ?, ?, ?, ?, ?, 3600, 'billing', 'voice',"
                        + " 'billing-t1', 'a1', 'billing.dispute', 1, 'billing', 'voice', ?, 0, ?)",
                List.of(
                        repeat("k1", "k3", "c-top", "2026-03-13 10:00:00", "2026-03-14 09:00:00", "billing.dispute", 1),
                        repeat("k2", "k3", "c-top", "2026-03-13 11:00:00", "2026-03-14 09:00:00", "billing.dispute", 1),
                        repeat(
                                "k0",
                                "k00",
                                "c-top",
                                "2026-01-01 10:00:00",
                                "2026-01-02 09:00:00",
                                "billing.dispute",
                                1),
                        repeat("k5", "k6", "c-res", "2026-01-10 10:00:00", "2026-01-12 08:00:00", "", 0),
                        repeat("k5", "k6", "c-res", "2026-01-10 10:00:00", "2026-01-12 08:00:00", "billing.dispute", 1),
                        repeat(
                                "k7",
                                "k8",
                                "c-res",
                                "2026-01-26 10:00:00",
                                "2026-01-27 09:00:00",
                                "billing.dispute",
                                1)));
    }

    private static Object[] alert(
            String alertId,
            String customer,
            String status,
            String ts,
            String openedAt,
            String tier,
            int f,
            String tm,
            double pDays,
            double rDays,
            List<String> reasons,
            String writtenAt) {
        BigDecimal total = new BigDecimal(tm);
        return row(
                alertId,
                alertId + "/" + status + "/" + String.join("+", reasons),
                customer,
                status,
                ts,
                openedAt,
                tier,
                f,
                tm,
                total.divide(BigDecimal.valueOf(f), 4, java.math.RoundingMode.HALF_EVEN)
                        .toPlainString(),
                pDays,
                rDays,
                pDays - rDays,
                reasons.toArray(new String[0]),
                writtenAt);
    }

    private static Object[] complaint(String ticket, String customer, String date, String cause, String status, int v) {
        return row(
                date, ticket, customer, date + " 10:00:00", cause, cause.substring(0, cause.indexOf('.')), status, v);
    }

    private static Object[] repeat(
            String first, String repeat, String customer, String completed, String started, String reason, int v) {
        return row(completed.substring(0, 10), first, repeat, customer, completed, started, reason, v);
    }

    private static Object[] row(Object... values) {
        return values;
    }

    /** One batch insert, every value a bound parameter (decimals and instants as text, read in the column's type). */
    static void insert(Connection c, String sql, List<Object[]> rows) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    st.setObject(i + 1, row[i]);
                }
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    // ---- reading ------------------------------------------------------------------------------------------

    private static Map<String, Map<String, Object>> byCustomer(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        rows.forEach(r -> byId.put((String) r.get("customer_id"), r));
        return byId;
    }

    private static void assertFigures(Map<String, Object> row, double m, double pDays, double rDays) {
        String who = String.valueOf(row.get("customer_id"));
        assertThat(number(row.get("m"))).as(who + " M = TM / F").isCloseTo(m, within(1e-9));
        assertThat(number(row.get("p_days"))).as(who + " P = 365 / F").isCloseTo(pDays, within(1e-9));
        assertThat(number(row.get("r_days"))).as(who + " R up to as_of").isCloseTo(rDays, within(1e-9));
        assertThat(number(row.get("delta_days"))).as(who + " delta = P - R").isCloseTo(pDays - rDays, within(1e-9));
    }

    private static void assertOverdue(Map<String, Object> row, double days, double ratio) {
        String who = String.valueOf(row.get("customer_id"));
        assertThat(number(row.get("overdue_days"))).as(who + " R - P").isCloseTo(days, within(1e-9));
        assertThat(number(row.get("overdue_ratio"))).as(who + " R / P").isCloseTo(ratio, within(1e-9));
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static long count(Object value) {
        return Math.round(number(value));
    }

    private static String money(Object value) {
        return ((BigDecimal) value).stripTrailingZeros().toPlainString();
    }
}
