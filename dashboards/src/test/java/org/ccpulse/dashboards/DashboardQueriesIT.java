package org.ccpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.infra.kafka.KafkaRecords;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.complaints.ComplaintsJob;
import org.ccpulse.jobs.customervalue.CustomerValueJob;
import org.ccpulse.jobs.fcr.FcrJob;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Topic;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.parse.OrderParser;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.RecordParser;
import org.ccpulse.schemas.parse.TicketParser;
import org.ccpulse.simulator.SimulationConfig;
import org.ccpulse.simulator.SimulatorMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every SQL query the Grafana files send (panel targets, dashboard variables, annotations, alert rules),
 * expanded as Grafana and the ClickHouse plugin expand it, run on tables the jobs (service level,
 * first-contact resolution, complaints and customer value) filled from simulated traffic: it must run, and return
 * what its panel needs (a time column for a time series, numbers for a stat, every field its overrides name,
 * labels and one number for an alert, a time and a text for an annotation). And the FCR alert fires for
 * a team below its target, not for one above; the complaint spike alert fires for each open spike and
 * for nothing else; the churn alert rule fires for each open churn alert of a top or high customer.
 *
 * <p><b>Traffic.</b> Contacts and tickets: 35 simulated days up to today of a {@value #AGENTS}-agent center (its
 * customer base: 300,000 customers). Orders: churn alerts need purchase history, since a customer is overdue only
 * once R > P = 365 / F days, which 35 days of orders hardly reach. So the orders come from a second simulator run
 * with the same seed over {@value #ORDER_HISTORY_DAYS} days before the 35 days and the 35 days themselves, for the
 * first {@value #ORDER_RUN_CUSTOMERS} customers of the same base (the same ids, shoppers, purchase rates and order
 * sizes: the simulator draws them in id order), with the fewest agents (5; their contacts and tickets are not
 * used) and a run id of its own; the 35 days' run's own orders are not used. The job then computes a full year's
 * F and TM, ranks and tiers the customers, and opens churn alerts over the year, resolves many at the next
 * purchase, and escalates those of customers who complained, came back or have an open ticket in the 35 days.
 * The job's tiers are recomputed at most once per second of processing time here ({@code tier_min_interval_seconds:
 * 1}, the default being 30 s), so that a year raced through in a minute gets its tiers recomputed at each jump of the
 * orders' watermark (a dozen or so over the year), not only from the first handful of customers. Orders after the
 * moment they are produced are left out, as a backfill up to now has none: the simulator writes today's whole day,
 * and the last cut-points (the end of the input's) would be as of later today, after the "now" the dashboard shows;
 * the jumps before that land wherever the fetches fall, maybe none in the dashboard's 90 days. Nothing is written
 * into the job's tables by hand.
 */
@ExtendWith(ComponentsExtension.class)
class DashboardQueriesIT {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final Set<Integer> NUMERIC = Set.of(
            Types.TINYINT,
            Types.SMALLINT,
            Types.INTEGER,
            Types.BIGINT,
            Types.FLOAT,
            Types.REAL,
            Types.DOUBLE,
            Types.NUMERIC,
            Types.DECIMAL);
    private static final Set<Integer> TEMPORAL = Set.of(Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE);

    /**
     * METRICS.md's defaults (UTC, 2 h allowed lateness), and first-contact resolution with a window of
     * each kind and targets that put one team (billing-t1, 5 %) far above its own target and every other
     * team far below the default (99 %), so that the alert has an instance of each to tell apart.
     */
    static final String DEPLOYMENT_YAML = """
            first-contact-resolution:
              windows: [24h, 72h, 7d, 30d, 7d_same_issue]
              targets: { default: 0.99, teams: { billing-t1: 0.05 } }
            customer-value:
              tier_min_interval_seconds: 1
            """;

    static final String TEAM_ABOVE = "billing-t1";
    static final double TEAM_ABOVE_TARGET = 0.05;
    static final double DEFAULT_TARGET = 0.99;

    /**
     * 35 days up to today (the simulator emits today's whole day): today and yesterday for the wallboard
     * and the managers' "today" panels, and days old enough for every FCR window to have settled ones
     * (a 7-day window settles a day once event time is 7 days and the lateness past its end).
     */
    static final int DAYS = 35;

    /** The simulated center of the 35 days: agents, and so its customer base (10,000 per agent). */
    static final int AGENTS = 30;

    static final long SEED = 5;

    /**
     * Days of order history before the 35 days: the customer-value window (F and TM over 365 days), so that F is
     * the customers' full-year count when the 35 days begin, and purchase periods P = 365 / F of weeks to months
     * have run out for some customers (a churn alert opens once R > P) and been ended by a next purchase for others.
     */
    static final int ORDER_HISTORY_DAYS = 365;

    /**
     * Agents of the simulator run that provides the orders: the fewest the simulator takes. The shop draws its
     * orders from its own random stream, for the shoppers of the customer base; the agents only make contacts, and
     * that run's are not used.
     */
    static final int ORDER_RUN_AGENTS = 5;

    /**
     * The customers with order history: the first half of the 35 days' base ({@value #AGENTS} x 10,000). The
     * simulator draws each customer's attributes (shopper or not, order size, purchase rate) in id order from the
     * seed's customer stream, so a base of this size is the larger base's first customers with the same ids and
     * attributes; the other half buys nothing. Half the orders of the whole base keep the job's run short (the
     * whole base's 400 days are some 208,000 order records: jobs 101 s against 59-68 s for half, on a loaded machine).
     */
    static final int ORDER_RUN_CUSTOMERS = SimulationConfig.customersFor(AGENTS) / 2;

    /**
     * Complaint surges of the simulator ({@code --complaint-surge}): one that ended three days ago (its spike
     * opened and closed) and one from 14:00 UTC today to the end of the traffic (24:00), so that its spike is
     * open when the run ends (a spike closes at the first full hour back to normal, and none closes because
     * the input ended). The factors are large because a 30-agent center has few complaints: 300 times the
     * usual delivery complaints keeps the open surge's every hour far above normal, the night's included.
     */
    static final String CLOSED_SURGE_CAUSE = "company.billing";

    static final String OPEN_SURGE_CAUSE = "company.delivery";

    /**
     * The test's run takes minutes, and its "today" (traffic, surges, the panels' today) is taken before the run
     * and queried after it: a run straddling midnight UTC would query a today without traffic. Started in the last
     * {@link #BEFORE_MIDNIGHT} of a day, it waits for the next day.
     */
    static final Duration BEFORE_MIDNIGHT = Duration.ofMinutes(20);

    @TempDir
    Path dir;

    /** Today in UTC, waiting for tomorrow first if today ends within {@link #BEFORE_MIDNIGHT}. */
    static LocalDate todayFarFromMidnight() throws InterruptedException {
        Instant now = Instant.now();
        Instant midnight = LocalDate.now(ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        if (now.plus(BEFORE_MIDNIGHT).isAfter(midnight)) {
            Duration wait = Duration.between(now, midnight).plusSeconds(1);
            System.out.printf(
                    "%s is within %s of midnight UTC: waiting %s for the next day%n", now, BEFORE_MIDNIGHT, wait);
            Thread.sleep(wait.toMillis());
        }
        return LocalDate.now(ZoneOffset.UTC);
    }

    @Test
    void everyQueryRunsOnJobFilledTablesAndReturnsWhatItsPanelNeeds(
            KafkaEndpoint kafka,
            ClickHouseEndpoint clickHouse,
            @UniqueTopic(partitions = 3) String topic,
            @UniqueTopic(partitions = 3) String tickets,
            @UniqueTopic(partitions = 3) String orders)
            throws Exception {
        LocalDate today = todayFarFromMidnight();
        String start = today.minusDays(DAYS - 1).toString();
        long began = System.nanoTime();
        SimulatedTraffic traffic = SimulatedTraffic.simulate(
                dir,
                AGENTS,
                DAYS,
                start,
                SEED,
                "--complaint-surge",
                "cause=" + CLOSED_SURGE_CAUSE + ",start=" + today.minusDays(3) + "T09:00Z,hours=2,factor=20",
                "--complaint-surge",
                "cause=" + OPEN_SURGE_CAUSE + ",start=" + today + "T14:00Z,hours=10,factor=300");
        traffic.produce(kafka.bootstrapServers(), topic);
        produceKeyed(
                dir.resolve("tickets.ndjson"),
                new TicketParser(),
                Ticket::ticketId,
                ticket -> true,
                kafka.bootstrapServers(),
                tickets);
        long simulated = System.nanoTime();
        Path orderFile = simulateOrders(dir.resolve("orders"), today);
        long ordersSimulated = System.nanoTime();
        Instant ordersUpTo = Instant.now();
        produceKeyed(
                orderFile,
                new OrderParser(),
                Order::customerId,
                order -> !order.ts().isAfter(ordersUpTo),
                kafka.bootstrapServers(),
                orders);
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        long started = System.nanoTime();
        JobRuns.runUntilNow(
                kafka,
                Map.of(Topic.CONTACT_EVENTS.name(), topic, Topic.TICKETS.name(), tickets, Topic.ORDERS.name(), orders),
                ClickHouseOutputs.clickHouseOnly(db),
                DeploymentConfig.parse(DEPLOYMENT_YAML),
                List.of(new ServiceLevelJob(), new FcrJob(), new ComplaintsJob(), new CustomerValueJob()),
                "it-" + topic);
        System.out.printf(
                "35 days simulated and produced %d s, orders simulated %d s, produced %d s, jobs ran %d s%n",
                (simulated - began) / 1_000_000_000,
                (ordersSimulated - simulated) / 1_000_000_000,
                (started - ordersSimulated) / 1_000_000_000,
                (System.nanoTime() - started) / 1_000_000_000);

        Instant to = Instant.now();
        List<String> failures = new ArrayList<>();
        int queries = 0;
        try (Connection c = db.open()) {
            for (Path file : Dashboards.dashboardFiles(Dashboards.folder())) {
                if (file.endsWith(CustomerValueDashboardIT.DASHBOARD)) {
                    continue; // below, with rows required
                }
                // the dashboard's own default time range: last hour, 24 hours, 30 days
                Instant from = to.minus(Dashboards.defaultRange(file));
                List<Dashboards.Variable> variables = Dashboards.variables(file);
                Map<String, List<String>> offered = new LinkedHashMap<>();
                for (Dashboards.Variable variable : variables) {
                    List<String> values = firstColumn(c, GrafanaMacros.expandMacros(variable.rawSql(), from, to, 60));
                    assertThat(values)
                            .as(file.getFileName() + " variable " + variable.name() + " offers values")
                            .isNotEmpty();
                    offered.put(variable.name(), values);
                    queries++;
                }
                List<Dashboards.Query> withVariables = new ArrayList<>(Dashboards.panelQueries(file));
                withVariables.addAll(Dashboards.annotationQueries(file));
                for (Map<String, GrafanaMacros.Selection> selection : selections(variables, offered)) {
                    for (Dashboards.Query query : withVariables) {
                        String sql = GrafanaMacros.expandMacros(
                                GrafanaMacros.expandSelected(query.rawSql(), selection), from, to, 60);
                        String name = file.getFileName().toString();
                        boolean mustShowFigures = name.equals(FCR_DASHBOARD)
                                        && selection.get("window").values().equals(List.of("7d"))
                                || name.equals(COMPLAINTS_DASHBOARD);
                        check(c, withSingleValues(query, selection), sql, mustShowFigures, failures);
                        queries++;
                    }
                }
            }
            Instant from = to.minus(Duration.ofHours(24));
            for (Dashboards.Query alert : Dashboards.alertQueries(Dashboards.folder())) {
                check(c, alert, GrafanaMacros.expandMacros(alert.rawSql(), from, to, 60), false, failures);
                queries++;
            }
            fcrAlertFiresForTheTeamsBelowTargetOnly(c, from, to);
            complaintSpikeAlertFiresForEachOpenSpikeOnly(c, from, to, today);
            complaintCountsAddUpAcrossPanels(c, to);
            queries += CustomerValueDashboardIT.checkDashboard(c, to, true, failures);
            churnAlertsOfEveryKind(c);
            assertThat(CustomerValueDashboardIT.churnAlertRuleFiresForEachOpenAlertOfAValuableCustomer(
                            c, to.minus(Duration.ofHours(1)), to))
                    .as("the churn rule has instances: open alerts of top and high customers")
                    .isNotEmpty();
            // contacts waiting now, as a running job writes them: a voice call for 40 s and an e-mail
            // for 3 h in a queue of their own, so waiting and oldest wait have something to keep apart
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO queue_live (queue, channel, waiting, oldest_queued_at, as_of) VALUES"
                        + " ('wallboard-test', 'voice', 3, now64(3) - INTERVAL 40 SECOND, now64(3)),"
                        + " ('wallboard-test', 'email', 5, now64(3) - INTERVAL 3 HOUR, now64(3))");
            }
            realTimeAndDeferredTilesEachRecomputeFromTheirOwnChannelsOnly(c);
            for (String window : List.of("rolling_60m", "today")) {
                String live = "SELECT waiting, oldest_wait_s FROM queue_now_by_class WHERE window = '" + window
                        + "' AND queue = 'wallboard-test' AND channel_class = ";
                Map<String, Object> realTime = row(c, live + "'real-time'");
                Map<String, Object> deferred = row(c, live + "'deferred'");
                assertThat(((Number) realTime.get("waiting")).longValue()).isEqualTo(3);
                assertThat(((Number) realTime.get("oldest_wait_s")).doubleValue())
                        .as("the 3 h e-mail is not a real-time wait")
                        .isBetween(40.0, 90.0);
                assertThat(((Number) deferred.get("waiting")).longValue()).isEqualTo(5);
                assertThat(((Number) deferred.get("oldest_wait_s")).doubleValue())
                        .isBetween(10_800.0, 10_850.0);
            }
        }
        System.out.printf("%d Grafana queries run on job-filled tables%n", queries);
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    private static final String FCR_DASHBOARD = "first-contact-resolution.json";

    private static final String COMPLAINTS_DASHBOARD = "complaints.json";

    /**
     * The complaint spike alert rule, evaluated as Grafana evaluates it (one instance per row, labelled by
     * level, cause and cause group, firing when observed > 0), on the job's spikes: its instances are
     * exactly the spikes open at the end of the run, one per level and key, and each fires; the surge going
     * on at the end of the traffic fires for its cause, with at least the detector's minimum count of 5; the
     * surge that ended three days ago was a spike that closed, and does not fire.
     */
    private static void complaintSpikeAlertFiresForEachOpenSpikeOnly(
            Connection c, Instant from, Instant to, LocalDate today) throws Exception {
        Dashboards.AlertRule rule = Dashboards.alertRules(Dashboards.folder()).stream()
                .filter(r -> r.uid().equals("ccpulse-complaint-spike-open"))
                .findFirst()
                .orElseThrow();
        List<AlertEvaluation.Instance> instances =
                AlertEvaluation.evaluate(c, rule, GrafanaMacros.expandMacros(rule.rawSql(), from, to, 60));
        record Spike(String level, String key, String status, Instant opened, String closed, long observed) {}
        List<Spike> history = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT level, key, status, toUnixTimestamp(opened_hour),"
                                + " toString(closed_hour), observed FROM complaint_spikes_history ORDER BY opened_hour, level, key")) {
            while (rs.next()) {
                history.add(new Spike(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Instant.ofEpochSecond(rs.getLong(4)),
                        rs.getString(5),
                        rs.getLong(6)));
            }
        }
        System.out.printf("  complaint spikes: %s%n  complaint spike alert: %s%n", history, instances);

        assertThat(instances)
                .extracting(i -> i.labels().get("level") + " " + i.labels().get("cause"))
                .as("one instance per open spike, none for a closed one")
                .containsExactlyInAnyOrderElementsOf(history.stream()
                        .filter(h -> h.status().equals("open"))
                        .map(h -> h.level() + " " + h.key())
                        .distinct()
                        .toList());
        assertThat(instances).as("every open spike fires").allMatch(AlertEvaluation.Instance::firing);
        assertThat(instances)
                .filteredOn(i -> i.labels().get("level").equals("cause")
                        && i.labels().get("cause").equals(OPEN_SURGE_CAUSE))
                .as("the surge going on at the end of the traffic: an open spike of its cause")
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.firing()).isTrue();
                    assertThat(i.labels().get("cause_group")).isEqualTo("company");
                    assertThat(i.value()).isGreaterThanOrEqualTo(5.0);
                });
        Instant closedSurge = today.minusDays(3).atTime(9, 0).toInstant(ZoneOffset.UTC);
        assertThat(history)
                .as("the surge that ended three days ago opened a spike of its cause in its hours, and it closed")
                .anyMatch(h -> h.level().equals("cause")
                        && h.key().equals(CLOSED_SURGE_CAUSE)
                        && h.status().equals("closed")
                        && !h.opened().isBefore(closedSurge)
                        && h.opened().isBefore(closedSurge.plus(Duration.ofHours(2))));
        assertThat(instances)
                .as("the surge that ended does not fire")
                .noneMatch(i -> i.labels().get("cause").equals(CLOSED_SURGE_CAUSE));
    }

    /**
     * The complaints dashboard's panels count the same complaints, on "All" and per hour over its default
     * range, as Grafana sends them: the Complaints stat, the sum of the Pareto (whose last cumulative share
     * is 1), of the cause groups' and the causes' series, and of the products x departments matrix.
     */
    private static void complaintCountsAddUpAcrossPanels(Connection c, Instant to) throws Exception {
        Path file = Dashboards.folder().resolve("ccpulse/Quality/complaints.json");
        Instant from = to.minus(Dashboards.defaultRange(file));
        Map<String, GrafanaMacros.Selection> all = new LinkedHashMap<>();
        for (Dashboards.Variable variable : Dashboards.variables(file)) {
            List<String> values = firstColumn(c, variable.rawSql());
            all.put(
                    variable.name(),
                    variable.multi() ? GrafanaMacros.Selection.multi(values) : GrafanaMacros.Selection.single("hour"));
        }
        Map<String, String> sql = new HashMap<>();
        for (Dashboards.Query q : Dashboards.panelQueries(file)) {
            sql.put(
                    q.where().split(" / ")[1],
                    GrafanaMacros.expandMacros(GrafanaMacros.expandSelected(q.rawSql(), all), from, to, 60));
        }
        long complaints = ((Number) row(c, sql.get("Complaints")).get("Complaints")).longValue();
        assertThat(complaints).as("complaints in the last 7 days").isPositive();
        assertThat(sumOf(c, sql.get("Pareto of causes"), "Complaints")).isEqualTo(complaints);
        assertThat(((Number) row(c, "SELECT max(`Cumulative share`) AS m FROM (" + sql.get("Pareto of causes") + ")")
                                .get("m"))
                        .doubleValue())
                .isCloseTo(1.0, within(1e-9));
        assertThat(sumOf(c, sql.get("Complaints by cause group"), "complaints")).isEqualTo(complaints);
        assertThat(sumOf(c, sql.get("Complaints by cause"), "complaints")).isEqualTo(complaints);
        assertThat(sumOf(c, sql.get("Products x departments"), "Complaints")).isEqualTo(complaints);
    }

    private static long sumOf(Connection c, String sql, String column) throws SQLException {
        return ((Number) row(c, "SELECT sum(`" + column + "`) AS s FROM (" + sql + ")")
                        .get("s"))
                .longValue();
    }

    /**
     * A simulator file (in delivery order, mess included) to a topic, keyed as EVENTS.md says (tickets by ticket_id,
     * orders by customer_id; no key when unreadable), but the readable records {@code sent} refuses.
     */
    private static <T> void produceKeyed(
            Path file,
            RecordParser<T> parser,
            Function<T, String> key,
            Predicate<T> sent,
            String bootstrapServers,
            String topic)
            throws Exception {
        List<KafkaRecords.KeyValue> records = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            byte[] value = text.getBytes(StandardCharsets.UTF_8);
            byte[] keyBytes = null;
            if (parser.parse(value) instanceof ParseResult.Accepted<T> a) {
                if (!sent.test(a.event())) {
                    continue;
                }
                keyBytes = key.apply(a.event()).getBytes(StandardCharsets.UTF_8);
            }
            records.add(new KafkaRecords.KeyValue(keyBytes, value));
        }
        KafkaRecords.send(bootstrapServers, topic, records);
    }

    /**
     * The orders of the 35 days' customers over a year before them and the 35 days: the simulator run with the 35
     * days' seed over the first {@value #ORDER_RUN_CUSTOMERS} customers of their base (the same customer ids, the
     * same shoppers with the same purchase rates and order sizes) for {@value #ORDER_HISTORY_DAYS} + {@value #DAYS}
     * days up to today, with the fewest agents (its contacts and tickets are not used) and a run id of its own, so
     * that its ids do not collide with the 35 days' run. Returns its orders file.
     */
    private static Path simulateOrders(Path out, LocalDate today) throws Exception {
        Files.createDirectories(out);
        int days = ORDER_HISTORY_DAYS + DAYS;
        int exit = new CommandLine(new SimulatorMain())
                .execute(
                        "--out-dir",
                        out.toString(),
                        "--agents",
                        Integer.toString(ORDER_RUN_AGENTS),
                        "--customers",
                        Integer.toString(ORDER_RUN_CUSTOMERS),
                        "--days",
                        Integer.toString(days),
                        "--start-date",
                        today.minusDays(days - 1).toString(),
                        "--seed",
                        Long.toString(SEED),
                        "--run-id",
                        "shop" + SEED);
        assertThat(exit).as("simulator exit code").isZero();
        return out.resolve("orders.ndjson");
    }

    /**
     * The customer-value job raised churn alerts of every kind on this traffic: opened in tier top and in tier high,
     * escalated, resolved by a purchase, and open now; and alerted customers with complaints or repeat contacts
     * (the order history is of the contacts' and tickets' customers).
     */
    private static void churnAlertsOfEveryKind(Connection c) throws Exception {
        Map<String, Long> events = new java.util.TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT toString(status), toString(tier), count() FROM churn_alert_history"
                                + " GROUP BY status, tier ORDER BY status, tier")) {
            while (rs.next()) {
                events.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
            }
        }
        Map<String, Long> current = new java.util.TreeMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT toString(status), toString(tier), count() FROM churn_alerts_current"
                                + " GROUP BY status, tier ORDER BY status, tier")) {
            while (rs.next()) {
                current.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
            }
        }
        Map<String, Object> contacts = row(
                c,
                "SELECT count() AS alerted, countIf(complaints > 0) AS with_complaints,"
                        + " countIf(repeat_contacts > 0) AS with_repeats FROM churn_alert_contacts");
        Map<String, Object> rfm = row(
                c,
                "SELECT count() AS customers, countIf(r_days > p_days) AS overdue, any(as_of) AS as_of FROM customer_rfm");
        Map<String, Object> cutPoints = row(
                c,
                "SELECT count() AS recomputations, min(as_of) AS first, max(as_of) AS last"
                        + " FROM customer_tier_cut_points FINAL");
        System.out.printf(
                "  customer value: %s%n  tier cut-points: %s%n  churn alert events by status and tier: %s%n"
                        + "  latest alert per customer: %s%n  alerted customers with complaints, repeat contacts: %s%n",
                rfm, cutPoints, events, current, contacts);
        for (String kind : List.of("OPENED top", "OPENED high", "RESOLVED top", "RESOLVED high")) {
            assertThat(events.getOrDefault(kind, 0L))
                    .as("churn alert events " + kind)
                    .isPositive();
        }
        assertThat(events.keySet()).as("escalated alerts").anyMatch(k -> k.startsWith("ESCALATED "));
        assertThat(current.keySet())
                .as("customers whose latest alert is open, escalated and resolved")
                .anyMatch(k -> k.startsWith("OPENED "))
                .anyMatch(k -> k.startsWith("ESCALATED "))
                .anyMatch(k -> k.startsWith("RESOLVED "));
        assertThat(((Number) contacts.get("with_complaints")).longValue()
                        + ((Number) contacts.get("with_repeats")).longValue())
                .as("alerted customers with complaints or repeat contacts")
                .isPositive();
    }

    /**
     * The FCR alert rule, evaluated as Grafana evaluates it (one instance per row, labelled by team,
     * firing when fcr - target < 0), on the job's figures: it has an instance for every team with
     * contacts on the last settled 7-day business day, each firing exactly when the team's FCR that day,
     * recomputed from fcr_daily, is below the team's configured target; billing-t1 (own target 5 %) does
     * not fire, the other teams (default 99 %) do, unless one resolved every contact that day.
     */
    private static void fcrAlertFiresForTheTeamsBelowTargetOnly(Connection c, Instant from, Instant to)
            throws Exception {
        Map<String, Object> settled = row(
                c,
                "SELECT business_date AS day, (SELECT business_date FROM business_today) - business_date AS age"
                        + " FROM fcr_settled_day WHERE window = '7d'");
        assertThat(((Number) settled.get("age")).longValue())
                .as("the last settled 7-day day is at least 7 days + the lateness old, and within the traffic")
                .isBetween(8L, DAYS - 1L);
        String day = settled.get("day").toString();
        assertThat(((Number) row(
                                        c,
                                        "SELECT sum(pending) AS p FROM fcr_pending WHERE window = '7d' AND business_date = '"
                                                + day + "'")
                                .get("p"))
                        .longValue())
                .as("nothing of " + day + " pending")
                .isZero();

        Map<String, Double> fcrByTeam = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT team, sum(resolved) / sum(eligible) FROM fcr_daily"
                        + " WHERE window = '7d' AND business_date = '" + day + "' GROUP BY team")) {
            while (rs.next()) {
                fcrByTeam.put(rs.getString(1), rs.getDouble(2));
            }
        }
        Dashboards.AlertRule rule = Dashboards.alertRules(Dashboards.folder()).stream()
                .filter(r -> r.uid().equals("ccpulse-fcr-below-target"))
                .findFirst()
                .orElseThrow();
        List<AlertEvaluation.Instance> instances =
                AlertEvaluation.evaluate(c, rule, GrafanaMacros.expandMacros(rule.rawSql(), from, to, 60));
        System.out.printf("  FCR alert on %s: %s%n", day, instances);

        assertThat(instances)
                .extracting(i -> i.labels().get("team"))
                .as("one instance per team with contacts on " + day)
                .containsExactlyInAnyOrderElementsOf(fcrByTeam.keySet());
        for (AlertEvaluation.Instance instance : instances) {
            String team = instance.labels().get("team");
            double target = team.equals(TEAM_ABOVE) ? TEAM_ABOVE_TARGET : DEFAULT_TARGET;
            assertThat(instance.value())
                    .as(team + ": FCR minus target")
                    .isCloseTo(fcrByTeam.get(team) - target, within(1e-9));
            assertThat(instance.firing()).as(team + " fires").isEqualTo(fcrByTeam.get(team) < target);
        }
        assertThat(instances)
                .filteredOn(i -> i.labels().get("team").equals(TEAM_ABOVE))
                .as(TEAM_ABOVE + ", above its own target, does not fire")
                .singleElement()
                .extracting(AlertEvaluation.Instance::firing)
                .isEqualTo(false);
        assertThat(instances)
                .filteredOn(AlertEvaluation.Instance::firing)
                .as("teams below the default target fire")
                .isNotEmpty();
    }

    /**
     * The selections a dashboard's queries run with: multi-value variables on "All" (every value they
     * offer), single-value variables on each of their values in turn.
     */
    static List<Map<String, GrafanaMacros.Selection>> selections(
            List<Dashboards.Variable> variables, Map<String, List<String>> offered) {
        List<Map<String, GrafanaMacros.Selection>> selections = new ArrayList<>();
        selections.add(new LinkedHashMap<>());
        for (Dashboards.Variable variable : variables) {
            List<String> values = offered.get(variable.name());
            List<Map<String, GrafanaMacros.Selection>> next = new ArrayList<>();
            for (Map<String, GrafanaMacros.Selection> selection : selections) {
                if (variable.multi()) {
                    Map<String, GrafanaMacros.Selection> all = new LinkedHashMap<>(selection);
                    all.put(variable.name(), GrafanaMacros.Selection.multi(values));
                    next.add(all);
                } else {
                    for (String value : values) {
                        Map<String, GrafanaMacros.Selection> one = new LinkedHashMap<>(selection);
                        one.put(variable.name(), GrafanaMacros.Selection.single(value));
                        next.add(one);
                    }
                }
            }
            selections = next;
        }
        return selections;
    }

    /** The query, named with the single values it runs with (e.g. {@code [window=7d]}). */
    static Dashboards.Query withSingleValues(Dashboards.Query query, Map<String, GrafanaMacros.Selection> selection) {
        StringBuilder where = new StringBuilder(query.where());
        selection.forEach((name, s) -> {
            if (!s.multi()) {
                where.append(" [")
                        .append(name)
                        .append('=')
                        .append(s.values().get(0))
                        .append(']');
            }
        });
        return new Dashboards.Query(where.toString(), query.panelType(), query.rawSql(), query.fieldNamesUsed());
    }

    private static final Map<String, String> CLASS_CHANNELS = Map.of(
            "real-time", "'voice', 'callback', 'video', 'chat'",
            "deferred", "'email', 'social', 'sms'");

    /**
     * Each stat tile of the wallboard, run as Grafana sends it, shows the figure of its channel class
     * only: it equals a recomputation over the per queue x channel rows of queue_now and queue_live_now
     * of that class's channels, and the two classes together make up the whole center.
     */
    private static void realTimeAndDeferredTilesEachRecomputeFromTheirOwnChannelsOnly(Connection c) throws Exception {
        Map<String, Object> tiles = new HashMap<>(); // "real-time ASA" -> value
        for (Dashboards.Query q :
                Dashboards.panelQueries(Dashboards.folder().resolve("ccpulse/Floor/wallboard.json"))) {
            if (!q.panelType().equals("stat")) {
                continue;
            }
            String cls = q.rawSql().contains("channel_class = 'real-time'") ? "real-time" : "deferred";
            assertThat(q.rawSql()).as(q.where() + " reads one channel class").contains("channel_class = '" + cls + "'");
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(q.rawSql())) {
                assertThat(rs.next()).as(q.where() + " returns a row").isTrue();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    tiles.put(cls + " " + rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
            }
        }
        System.out.printf("  wallboard tiles: %s%n", new java.util.TreeMap<>(tiles));
        long answeredToday = 0;
        for (Map.Entry<String, String> e : CLASS_CHANNELS.entrySet()) {
            String cls = e.getKey();
            String perChannel = "queue != 'all' AND channel != 'all' AND channel IN (" + e.getValue() + ")";
            Map<String, Object> expected = row(
                    c,
                    "SELECT sum(ifNull(asa_s, 0) * answered) / nullIf(sum(answered), 0) AS asa,"
                            + " ccpulse_abandon_rate(sum(answered), sum(abandoned), sum(short_abandoned)) AS abandon_rate,"
                            + " if(uniqExact(sl_formula) = 1, ccpulse_service_level(any(sl_formula), sum(answered),"
                            + " sum(answered_in_sl), sum(abandoned), sum(short_abandoned), sum(abandoned_in_sl)), NULL) AS sl"
                            + " FROM queue_now WHERE window = 'rolling_60m' AND " + perChannel);
            Map<String, Object> today =
                    row(c, "SELECT sum(answered) AS answered FROM queue_now WHERE window = 'today' AND " + perChannel);
            Map<String, Object> live = row(
                    c,
                    "SELECT sum(waiting) AS waiting, max(oldest_wait_s) AS oldest FROM queue_live_now WHERE "
                            + perChannel);
            assertClose(cls + " ASA", tiles.get(cls + " ASA"), expected.get("asa"), 1e-6);
            assertClose(cls + " abandon rate", tiles.get(cls + " Abandoned"), expected.get("abandon_rate"), 1e-9);
            if (expected.get("sl") != null) {
                assertClose(cls + " service level", tiles.get(cls + " SL 60 min"), expected.get("sl"), 1e-9);
            }
            assertClose(cls + " answered today", tiles.get(cls + " Answered"), today.get("answered"), 0);
            assertClose(cls + " waiting", tiles.get(cls + " Waiting"), live.get("waiting"), 0);
            assertClose(cls + " oldest wait", tiles.get(cls + " Oldest wait"), live.get("oldest"), 5);
            assertThat(((Number) today.get("answered")).longValue())
                    .as(cls + ": the simulated day has contacts of this class")
                    .isPositive();
            answeredToday += ((Number) today.get("answered")).longValue();
        }
        assertThat(tiles.get("real-time ASA"))
                .as("voice and chat answered in the last hour")
                .isNotNull();
        Map<String, Object> center = row(
                c,
                "SELECT answered, asa_s FROM queue_now WHERE window = 'today' AND queue = 'all' AND channel = 'all'");
        assertThat(answeredToday)
                .as("the two classes make up the center")
                .isEqualTo(((Number) center.get("answered")).longValue());
    }

    private static void assertClose(String what, Object actual, Object expected, double tolerance) {
        if (expected == null) {
            assertThat(actual).as(what + ": nothing to show").isNull();
        } else {
            assertThat(actual).as(what).isNotNull();
            assertThat(((Number) actual).doubleValue())
                    .as(what)
                    .isCloseTo(((Number) expected).doubleValue(), within(tolerance));
        }
    }

    private static Map<String, Object> row(Connection c, String sql) throws SQLException {
        Map<String, Object> row = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
        }
        return row;
    }

    /**
     * Runs one query and records what is wrong with its result for its panel; with {@code mustShowFigures},
     * also when it returns no row, or a stat whose numbers are NULL (a panel with nothing to show).
     */
    static void check(
            Connection c, Dashboards.Query query, String sql, boolean mustShowFigures, List<String> failures) {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> names = new ArrayList<>();
            boolean numeric = false;
            boolean temporal = false;
            int numbers = 0;
            int labels = 0;
            boolean annotationTime = false;
            boolean annotationText = false;
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnLabel(i));
                numeric |= NUMERIC.contains(meta.getColumnType(i));
                temporal |= TEMPORAL.contains(meta.getColumnType(i));
                numbers += NUMERIC.contains(meta.getColumnType(i)) ? 1 : 0;
                labels += meta.getColumnType(i) == Types.VARCHAR ? 1 : 0;
                annotationTime |= meta.getColumnLabel(i).equals("time") && TEMPORAL.contains(meta.getColumnType(i));
                annotationText |= meta.getColumnLabel(i).equals("text") && meta.getColumnType(i) == Types.VARCHAR;
            }
            int rows = 0;
            boolean nullNumber = false;
            while (rs.next()) {
                if (rows++ == 0) {
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        nullNumber |= NUMERIC.contains(meta.getColumnType(i)) && rs.getObject(i) == null;
                    }
                }
            }
            if (mustShowFigures) {
                require(rows > 0, query, "rows to show", names, failures);
                if (query.panelType().equals("stat")) {
                    require(!nullNumber, query, "a figure, not NULL", names, failures);
                }
            }
            switch (query.panelType()) {
                case "timeseries" -> require(temporal && numeric, query, "a time column and a number", names, failures);
                case "stat", "gauge", "bargauge" -> require(numeric, query, "a number", names, failures);
                case "alert" ->
                    require(
                            labels >= 1 && numbers == 1 && labels + numbers == names.size(),
                            query,
                            "labels (strings: queue, team, cause) and exactly one number",
                            names,
                            failures);
                case "annotation" ->
                    require(
                            annotationTime && annotationText,
                            query,
                            "a time column 'time' and a 'text'",
                            names,
                            failures);
                default -> {}
            }
            for (String field : query.fieldNamesUsed()) {
                require(names.contains(field), query, "the column '" + field + "' its overrides name", names, failures);
            }
            System.out.printf("  %-70s %5d rows%n", query.where(), rows);
        } catch (SQLException e) {
            failures.add(query.where() + ": " + e.getMessage() + "\n    " + sql);
        }
    }

    static void require(boolean ok, Dashboards.Query query, String what, List<String> columns, List<String> failures) {
        if (!ok) {
            failures.add(query.where() + ": needs " + what + ", returns columns " + columns);
        }
    }

    static List<String> firstColumn(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
