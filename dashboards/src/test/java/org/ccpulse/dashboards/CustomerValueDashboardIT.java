package org.ccpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer-value dashboard and its churn alert rule on the customer-value tables filled by hand, a small
 * scenario with cases the simulated traffic need not contain (an alert of a mid customer, one resolved after an
 * escalation): every panel, variable and alert query, expanded as Grafana and the ClickHouse plugin expand it over
 * the dashboard's default time range, runs, returns what its panel needs and, on this scenario, has rows (every
 * stat a figure); and the alert rule, evaluated as Grafana evaluates it, has one firing instance per open churn
 * alert of a top or high customer, labelled by customer, tier, status and escalation reasons.
 *
 * <p>{@link #checkDashboard} and {@link #churnAlertRuleFiresForEachOpenAlertOfAValuableCustomer} take a
 * connection: DashboardQueriesIT runs them on tables the customer-value job filled from simulated traffic.
 */
@ExtendWith(ComponentsExtension.class)
class CustomerValueDashboardIT {

    static final String DASHBOARD = "ccpulse/Accounts/customer-value.json";

    static final String RULE_UID = "ccpulse-churn-alert-valuable";

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Test
    void everyQueryRunsOnTheScenarioAndTheRuleFiresForOpenAlertsOfValuableCustomersOnly(ClickHouseEndpoint clickHouse)
            throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = ClickHouseDatabase.fresh(clickHouse).open()) {
            writeScenario(c, now);
            Instant to = Instant.now();
            List<String> failures = new ArrayList<>();
            int queries = checkDashboard(c, to, true, failures);
            System.out.printf("%d customer-value queries run on the scenario%n", queries);
            if (!failures.isEmpty()) {
                fail(String.join("\n", failures));
            }
            List<AlertEvaluation.Instance> instances =
                    churnAlertRuleFiresForEachOpenAlertOfAValuableCustomer(c, to.minus(Duration.ofHours(1)), to);
            assertThat(instances)
                    .extracting(i -> String.join(" ", i.labels().values()))
                    .as("v-top escalated and v-high opened; not v-mid (tier mid), not v-res (resolved)")
                    .containsExactlyInAnyOrder("v-top top ESCALATED complaint", "v-high high OPENED ");
            assertThat(instances)
                    .filteredOn(i -> i.labels().get("customer_id").equals("v-top"))
                    .singleElement()
                    .satisfies(i -> assertThat(i.value())
                            .as("R / P: 59 days since the last purchase, P 36.5 days")
                            .isCloseTo(59.0 / 36.5, org.assertj.core.api.Assertions.within(1e-3)));
        }
    }

    /**
     * Runs every variable, panel and alert query of the customer-value dashboard and rule as Grafana sends
     * them (multi-value variables on "All", the dashboard's default time range up to {@code to}) and records
     * what is wrong with each result for its panel in {@code failures}; with {@code mustShowFigures}, also a
     * panel without rows or a stat without a figure. Returns the number of queries run.
     */
    static int checkDashboard(Connection c, Instant to, boolean mustShowFigures, List<String> failures)
            throws Exception {
        Path file = Dashboards.folder().resolve(DASHBOARD);
        Instant from = to.minus(Dashboards.defaultRange(file));
        int queries = 0;
        List<Dashboards.Variable> variables = Dashboards.variables(file);
        Map<String, List<String>> offered = new LinkedHashMap<>();
        for (Dashboards.Variable variable : variables) {
            List<String> values =
                    DashboardQueriesIT.firstColumn(c, GrafanaMacros.expandMacros(variable.rawSql(), from, to, 60));
            assertThat(values)
                    .as(file.getFileName() + " variable " + variable.name() + " offers values")
                    .isNotEmpty();
            offered.put(variable.name(), values);
            queries++;
        }
        List<Dashboards.Query> withVariables = new ArrayList<>(Dashboards.panelQueries(file));
        withVariables.addAll(Dashboards.annotationQueries(file));
        for (Map<String, GrafanaMacros.Selection> selection : DashboardQueriesIT.selections(variables, offered)) {
            for (Dashboards.Query query : withVariables) {
                String sql = GrafanaMacros.expandMacros(
                        GrafanaMacros.expandSelected(query.rawSql(), selection), from, to, 3600);
                DashboardQueriesIT.check(
                        c, DashboardQueriesIT.withSingleValues(query, selection), sql, mustShowFigures, failures);
                queries++;
            }
        }
        Instant alertFrom = to.minus(Duration.ofHours(1));
        for (Dashboards.Query alert : Dashboards.alertQueries(Dashboards.folder())) {
            if (alert.where().startsWith("customer-value.yaml")) {
                DashboardQueriesIT.check(
                        c, alert, GrafanaMacros.expandMacros(alert.rawSql(), alertFrom, to, 60), false, failures);
                queries++;
            }
        }
        return queries;
    }

    /**
     * The churn alert rule, evaluated as Grafana evaluates it (one instance per row, labelled by its string
     * columns, firing when R / P > 0): its instances are exactly the churn alerts open now (latest event
     * OPENED or ESCALATED) that were opened in tier top or high, one per customer, each firing, labelled
     * with the alert's status and its escalation reasons. Returns the instances.
     */
    static List<AlertEvaluation.Instance> churnAlertRuleFiresForEachOpenAlertOfAValuableCustomer(
            Connection c, Instant from, Instant to) throws Exception {
        Dashboards.AlertRule rule = Dashboards.alertRules(Dashboards.folder()).stream()
                .filter(r -> r.uid().equals(RULE_UID))
                .findFirst()
                .orElseThrow();
        List<AlertEvaluation.Instance> instances =
                AlertEvaluation.evaluate(c, rule, GrafanaMacros.expandMacros(rule.rawSql(), from, to, 60));
        List<String> expected = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT customer_id, toString(tier), toString(status),"
                        + " arrayStringConcat(arraySort(escalation_reasons), ',') FROM churn_alerts_current"
                        + " WHERE status != 'RESOLVED' AND tier IN ('top', 'high')")) {
            while (rs.next()) {
                expected.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        System.out.printf(
                "  churn alert rule: %d instances%s: %s%n",
                instances.size(),
                instances.size() > 10 ? ", the first 10" : "",
                instances.subList(0, Math.min(10, instances.size())));
        assertThat(instances)
                .extracting(
                        i -> i.labels().get("customer_id") + " " + i.labels().get("tier") + " "
                                + i.labels().get("status") + " " + i.labels().get("escalation_reasons"))
                .as("one instance per open churn alert of a top or high customer")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(instances).as("every one fires").allMatch(AlertEvaluation.Instance::firing);
        return instances;
    }

    /**
     * A small customer base as of {@code now}: v-top (top, F 10, TM 5,000, last purchase 59 days ago; its
     * alert opened 20 days ago, escalated 15 days ago for a complaint); v-high (high, F 4, last purchase
     * 132 days ago; alert opened 40 days ago); v-res (its alert opened 50 days ago as high, escalated for a
     * repeat contact, resolved by a purchase 30 days ago); v-mid (mid, alert opened 10 days ago); v-low
     * (low, overdue, no alert). Cut-points 60 days and one minute ago. Complaints of v-top (16 days ago,
     * open), v-res (47 days ago) and one without customer (5 days ago); repeat contacts of v-top (14 days
     * ago) and v-res (46 days ago).
     */
    static void writeScenario(Connection c, Instant now) throws Exception {
        Instant asOf = now.minus(Duration.ofMinutes(1));
        insert(
                c,
                "INSERT INTO customer_rfm_state (customer_id, f, tm, last_purchase_at, changed_at, version)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                List.of(
                        row("v-top", 10, "5000", ago(asOf, 59), ago(asOf, 59), 1L),
                        row("v-high", 4, "2000", ago(asOf, 132), ago(asOf, 132), 1L),
                        row("v-res", 4, "1000", ago(asOf, 30), ago(asOf, 30), 1L),
                        row("v-mid", 2, "300", ago(asOf, 190), ago(asOf, 190), 1L),
                        row("v-low", 2, "50", ago(asOf, 200), ago(asOf, 200), 1L)));
        insert(
                c,
                "INSERT INTO customer_tier_cut_points (as_of, customers, top_min_tm, high_min_tm, mid_min_tm)"
                        + " VALUES (?, ?, ?, ?, ?)",
                List.of(
                        row(ago(asOf, 60), 1000L, "6000", "1500", "500"),
                        row(UTC.format(asOf), 1200L, "4000", "1500", "200")));
        String alerts = "INSERT INTO churn_alerts (alert_id, event_id, customer_id, status, ts, opened_at, tier, f,"
                + " tm, m, p_days, r_days, delta_days, escalation_reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)";
        insert(
                c,
                alerts,
                List.of(
                        alert("a-top", "v-top", "OPENED", ago(asOf, 20), ago(asOf, 20), "top", 10, "5000", 36.5, 39.0),
                        alert(
                                "a-top",
                                "v-top",
                                "ESCALATED",
                                ago(asOf, 15),
                                ago(asOf, 20),
                                "top",
                                10,
                                "5000",
                                36.5,
                                44.0,
                                "complaint"),
                        alert(
                                "a-high",
                                "v-high",
                                "OPENED",
                                ago(asOf, 40),
                                ago(asOf, 40),
                                "high",
                                4,
                                "2000",
                                91.25,
                                92.0),
                        alert(
                                "a-res",
                                "v-res",
                                "OPENED",
                                ago(asOf, 50),
                                ago(asOf, 50),
                                "high",
                                3,
                                "900",
                                121.67,
                                122.0),
                        alert(
                                "a-res",
                                "v-res",
                                "ESCALATED",
                                ago(asOf, 45),
                                ago(asOf, 50),
                                "high",
                                3,
                                "900",
                                121.67,
                                127.0,
                                "repeat_contact"),
                        alert(
                                "a-res",
                                "v-res",
                                "RESOLVED",
                                ago(asOf, 30),
                                ago(asOf, 50),
                                "high",
                                4,
                                "1000",
                                91.25,
                                0.0),
                        alert(
                                "a-mid",
                                "v-mid",
                                "OPENED",
                                ago(asOf, 10),
                                ago(asOf, 10),
                                "mid",
                                2,
                                "300",
                                182.5,
                                183.0)));
        insert(
                c,
                "INSERT INTO complaint_lifecycle (business_date, ticket_id, customer_id, opened_at, cause, cause_group,"
                        + " product, department, channel, severity, due_at, first_resolved_at, closed_at, reopens, status,"
                        + " version) VALUES (toDate(?), ?, ?, ?, ?, ?, 'p1', 'finance', 'voice', 'high', NULL, NULL, NULL,"
                        + " 0, ?, 1)",
                List.of(
                        row(ago(asOf, 16), "t1", "v-top", ago(asOf, 16), "company.billing", "company", "open"),
                        row(ago(asOf, 47), "t2", "v-res", ago(asOf, 47), "agent.attitude", "agent", "resolved"),
                        row(ago(asOf, 5), "t3", "", ago(asOf, 5), "company.delivery", "company", "open")));
        insert(
                c,
                "INSERT INTO fcr_repeat_contacts (first_business_date, first_contact_id, repeat_contact_id, customer_id,"
                        + " first_completed_at, repeat_started_at, delay_s, first_queue, first_channel, first_team,"
                        + " first_agent_id, first_reason, first_agent_resolved, repeat_queue, repeat_channel,"
                        + " repeat_reason, channel_changed, version) VALUES (toDate(?), ?, ?, ?, ?, ?, 3600, 'billing',"
                        + " 'voice', 'billing-t1', 'a1', 'billing.dispute', 1, 'billing', 'voice', 'billing.dispute', 0, 1)",
                List.of(
                        row(ago(asOf, 15), "k1", "k2", "v-top", ago(asOf, 15), ago(asOf, 14)),
                        row(ago(asOf, 47), "k3", "k4", "v-res", ago(asOf, 47), ago(asOf, 46))));
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
            String... reasons) {
        return row(
                alertId,
                alertId + "/" + status,
                customer,
                status,
                ts,
                openedAt,
                tier,
                f,
                tm,
                new java.math.BigDecimal(tm)
                        .divide(java.math.BigDecimal.valueOf(f), 4, java.math.RoundingMode.HALF_EVEN)
                        .toPlainString(),
                pDays,
                rDays,
                pDays - rDays,
                reasons);
    }

    private static String ago(Instant t, long days) {
        return UTC.format(t.minus(Duration.ofDays(days)));
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static void insert(Connection c, String sql, List<Object[]> rows) throws Exception {
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
}
