package org.ccpulse.dashboards;

import static org.ccpulse.jobs.bench.BenchmarkOutput.say;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.ccpulse.infra.Components;
import org.ccpulse.jobs.bench.BenchmarkJob;
import org.ccpulse.jobs.bench.CpuMeter;
import org.ccpulse.jobs.bench.Percentiles;
import org.ccpulse.jobs.bench.PrefilledTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.complaints.ComplaintsJob;
import org.ccpulse.jobs.customervalue.CustomerValueJob;
import org.ccpulse.jobs.fcr.FcrJob;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.platform.Topic;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.simulator.SimulationConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 12, goal 4: a year of a center's history, backfilled through the four jobs, then queried as the dashboards
 * and alert rules query it. See jobs/BENCHMARKS.md, "A year of history".
 *
 * <p><b>Backfill.</b> {@code --days} simulated days up to today (today's whole day included, as the simulator emits
 * it) of an {@code --agents} center, contact events, tickets and orders with the simulator's default mess, are put in
 * Kafka and read by all four jobs in one Flink job, as production runs them (RocksDB, checkpoints every 10 s), into
 * ClickHouse. Its records per second give the time a year's records would take (these days' x 365 / days).
 *
 * <p><b>History.</b> The tables the jobs filled are then copied back in time, {@code --days} at a time, until they
 * span {@code --history-days}: each copy's times moved back by a multiple of the days and its occurrences (contacts,
 * tickets, spikes, alerts) renamed, so that they are rows of their own. Per-customer state is not history: a year
 * holds one row per customer who bought in it, so {@code customer_rfm_state} gets as many copies with renamed
 * customers and unchanged times, every period's buyers counted as new customers (more than a year has). Then each
 * table is merged (OPTIMIZE FINAL), as a year-old table mostly is.
 *
 * <p><b>Queries.</b> Every panel, variable and annotation query of every dashboard, and every alert query, expanded
 * as Grafana and the ClickHouse plugin expand them (GrafanaMacros): the floor's wallboard over its default range,
 * the other dashboards over the last 90 days, the alert rules over 24 hours; multi-value variables on "All",
 * single-value ones on their default (or first offered) value; $__interval the range over 1,000 points. Each is run
 * once to warm up, then {@code --repeats} times (fewer, at least 3, once it has taken {@code --seconds-per-query}),
 * reading every row over JDBC as Grafana's plugin would; p50, p95 and max per query (nearest rank), printed as
 * each query is done.
 */
@Command(
        name = "history-benchmark",
        mixinStandardHelpOptions = true,
        description = "A year of history: backfill rate of the four jobs, then every dashboard and alert query"
                + " timed on a year of rows.")
public final class HistoryBenchmark implements Callable<Integer> {

    @Option(names = "--agents", defaultValue = "1000", description = "Agents of the simulated center.")
    int agents;

    @Option(names = "--days", defaultValue = "7", description = "Days simulated and run through the jobs.")
    int days;

    @Option(
            names = "--history-days",
            defaultValue = "364",
            description = "Days of history the tables hold once copied (a multiple of --days).")
    int historyDays;

    @Option(names = "--repeats", defaultValue = "20", description = "Timed runs of every query.")
    int repeats;

    @Option(
            names = "--seconds-per-query",
            defaultValue = "10",
            description = "Stop repeating a query after this long (at least 3 timed runs).")
    int secondsPerQuery;

    @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of the backfill run.")
    int parallelism;

    static final String WALLBOARD_FOLDER = "Floor";
    static final Duration MANAGERS_RANGE = Duration.ofDays(90);
    static final Duration ALERT_RANGE = Duration.ofHours(24);
    static final long WALLBOARD_TARGET_MS = 50;
    static final long MANAGERS_TARGET_MS = 300;

    /** Grafana's $__interval is the range over the panel's data points, about its width in pixels. */
    static final long DATA_POINTS = 1_000;

    /**
     * The job tables that grow with time, and how a copy of some days becomes other days' rows: its times moved
     * back, and the columns that name one occurrence renamed. Not copied: {@code queue_live} (who waits now),
     * {@code dead_letters} (kept 90 days, read by no dashboard) and the configuration tables.
     */
    record Growth(String table, boolean movesBack, List<String> occurrences) {}

    static final List<Growth> GROWTH = List.of(
            new Growth("queue_minute", true, List.of()),
            new Growth("fcr_contact_outcomes", true, List.of("contact_id", "repeat_contact_id")),
            new Growth("fcr_repeat_contacts", true, List.of("first_contact_id", "repeat_contact_id")),
            new Growth("complaints_hour", true, List.of()),
            new Growth("complaint_lifecycle", true, List.of("ticket_id")),
            new Growth("complaint_spikes", true, List.of("spike_id")),
            new Growth("customer_tier_cut_points", true, List.of()),
            new Growth("churn_alerts", true, List.of("alert_id", "event_id")),
            new Growth("customer_rfm_state", false, List.of("customer_id")));

    @Override
    public Integer call() throws Exception {
        if (days < 1 || historyDays < days || historyDays % days != 0) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--history-days must be a multiple of --days, and --days at least 1");
        }
        Path work = Files.createTempDirectory("ccpulse-history-bench-");
        try (Components components = Components.fromSystemEnvironment()) {
            String kafka = components.kafka().bootstrapServers();
            ClickHouseAccess db = ClickHouseDatabase.fresh(components.clickHouse());
            String run = UUID.randomUUID().toString().substring(0, 8);
            LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1);
            say(
                    "simulating %d days from %s of a %d-agent center (a base of %,d customers) into Kafka",
                    days, first, agents, SimulationConfig.customersFor(agents));
            PrefilledTopic input = PrefilledTopic.fill(kafka, "history-" + run, agents, days, first);
            long tickets = PrefilledTopic.endOffsetSum(kafka, input.tickets());
            long orders = PrefilledTopic.endOffsetSum(kafka, input.orders());
            long records = input.records() + tickets + orders;
            say(
                    "%,d contact events, %,d tickets, %,d orders (%.0f s to simulate and produce)",
                    input.records(), tickets, orders, input.fillSeconds());

            backfill(kafka, input, records, db, work, run);
            try (Connection c = db.open()) {
                extendToHistory(c);
                timeQueries(c);
            }
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
        return 0;
    }

    private void backfill(String kafka, PrefilledTopic input, long records, ClickHouseAccess db, Path work, String run)
            throws Exception {
        say("backfill: the four jobs at parallelism %d on RocksDB, until the topics' ends ...", parallelism);
        Map<String, String> topics = Map.of(
                Topic.CONTACT_EVENTS.name(),
                input.topic(),
                Topic.TICKETS.name(),
                input.tickets(),
                Topic.ORDERS.name(),
                input.orders());
        CpuMeter cpu = CpuMeter.start();
        long t0 = System.nanoTime();
        BenchmarkJob.start(
                        "history backfill",
                        parallelism,
                        Inputs.kafkaUntilNow(kafka, "history-bench-" + run, topics),
                        db,
                        work.resolve("checkpoints"),
                        StateSettings.Backend.ROCKSDB,
                        List.of(new ServiceLevelJob(), new FcrJob(), new ComplaintsJob(), new CustomerValueJob()),
                        DeploymentConfig.defaults())
                .job()
                .getJobExecutionResult()
                .get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Usage usage = cpu.stop();
        double perSecond = records / seconds;
        double yearRecords = records * 365.0 / days;
        System.out.printf(
                "Backfill: %,d records in %.1f s = %,.0f records/s (the job's threads %.2f cores, the JVM %.2f,"
                        + " ClickHouse and other processes %.2f)%n",
                records,
                seconds,
                perSecond,
                usage.cores(usage.flinkTasks() + usage.sourceFetchers()),
                usage.cores(usage.jvmTotal()),
                usage.cores(usage.otherProcesses() + usage.childProcesses()));
        for (Map.Entry<String, Double> thread : usage.busiestThreads()) {
            System.out.printf("  %6.1f s CPU  %s%n", thread.getValue(), thread.getKey());
        }
        System.out.printf(
                "A year of this center: %,.0f records, %.0f min at this rate (goal: 15 min, %,.0f records/s)%n",
                yearRecords, yearRecords / perSecond / 60, yearRecords / (15 * 60));
    }

    /** Copies each growing table back in time until it spans the history (see the class comment). */
    private void extendToHistory(Connection c) throws SQLException {
        int copies = historyDays / days - 1;
        say("history: %d copies of %d days each, back in time, then OPTIMIZE FINAL ...", copies, days);
        long t0 = System.nanoTime();
        for (Growth growth : GROWTH) {
            List<String> replaced = new ArrayList<>();
            for (String[] column : columns(c, growth.table())) {
                if (growth.movesBack() && column[1].matches("(Nullable\\()?Date.*")) {
                    replaced.add(column[0] + " - INTERVAL {shift} DAY AS " + column[0]);
                } else if (growth.occurrences().contains(column[0])) {
                    replaced.add("if(" + column[0] + " = '', " + column[0] + ", concat(" + column[0]
                            + ", '~{copy}')) AS " + column[0]);
                }
            }
            // copies are made from the jobs' own rows, set aside first
            String jobsRows = growth.table() + "_of_the_jobs";
            String select = "SELECT * REPLACE (" + String.join(", ", replaced) + ") FROM " + jobsRows;
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE " + jobsRows + " AS " + growth.table());
                st.execute("INSERT INTO " + jobsRows + " SELECT * FROM " + growth.table());
                for (int copy = 1; copy <= copies; copy++) {
                    st.execute("INSERT INTO " + growth.table() + " "
                            + select.replace("{shift}", Integer.toString(copy * days))
                                    .replace("{copy}", Integer.toString(copy)));
                }
                st.execute("DROP TABLE " + jobsRows);
                st.execute("OPTIMIZE TABLE " + growth.table() + " FINAL");
            }
            System.out.printf("  %-26s %,13d rows%n", growth.table(), count(c, growth.table()));
        }
        System.out.printf("History built in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private void timeQueries(Connection c) throws Exception {
        Timed floor = time(c, "SELECT 1", "SELECT 1");
        System.out.printf(
                "%nQuery latency, ms (nearest rank over the timed runs; rows = rows returned). The floor, SELECT 1:"
                        + " p50 %d, p95 %d, max %d: the client's and the server's cost per request (on the embedded"
                        + " server, its access check by EXPLAIN AST too)%n",
                floor.p(50), floor.p(95), floor.p(100));
        Instant to = Instant.now();
        Path folder = Dashboards.folder();
        for (Path file : Dashboards.dashboardFiles(folder)) {
            boolean wallboard = file.getParent().getFileName().toString().equals(WALLBOARD_FOLDER);
            Duration range = wallboard ? Dashboards.defaultRange(file) : MANAGERS_RANGE;
            Instant from = to.minus(range);
            long interval = Math.max(1, range.toSeconds() / DATA_POINTS);
            long goalMs = wallboard ? WALLBOARD_TARGET_MS : MANAGERS_TARGET_MS;
            System.out.printf("%n%s over %s (goal: p95 <= %d ms)%n", file.getFileName(), range, goalMs);
            Map<String, GrafanaMacros.Selection> selection = new LinkedHashMap<>();
            List<Timed> timed = new ArrayList<>();
            for (Dashboards.Variable variable : Dashboards.variables(file)) {
                String sql = GrafanaMacros.expandMacros(variable.rawSql(), from, to, interval);
                timed.add(print(time(c, "variable " + variable.name(), sql), floor));
                List<String> offered = DashboardQueriesIT.firstColumn(c, sql);
                if (variable.multi() || offered.isEmpty()) {
                    selection.put(variable.name(), GrafanaMacros.Selection.multi(offered));
                } else {
                    String current = String.join(",", variable.current());
                    String value = offered.contains(current) ? current : offered.get(0);
                    selection.put(variable.name(), GrafanaMacros.Selection.single(value));
                }
            }
            List<Dashboards.Query> queries = new ArrayList<>(Dashboards.panelQueries(file));
            queries.addAll(Dashboards.annotationQueries(file));
            for (Dashboards.Query query : queries) {
                String sql = GrafanaMacros.expandMacros(
                        GrafanaMacros.expandSelected(query.rawSql(), selection), from, to, interval);
                timed.add(print(time(c, query.where(), sql), floor));
            }
            summary(file.getFileName().toString(), timed, goalMs);
        }
        System.out.printf("%nalert rules over %s (goal: p95 <= %d ms)%n", ALERT_RANGE, MANAGERS_TARGET_MS);
        List<Timed> alerts = new ArrayList<>();
        for (Dashboards.Query alert : Dashboards.alertQueries(folder)) {
            String sql = GrafanaMacros.expandMacros(
                    alert.rawSql(), to.minus(ALERT_RANGE), to, ALERT_RANGE.toSeconds() / DATA_POINTS);
            alerts.add(print(time(c, alert.where(), sql), floor));
        }
        summary("alert rules", alerts, MANAGERS_TARGET_MS);
    }

    /** One query's latencies in ms, and the rows it returned. */
    record Timed(String where, long[] sortedMs, long rows) {
        long p(double percent) {
            return Percentiles.nearestRank(sortedMs, percent);
        }
    }

    /**
     * The query once to warm up, then {@code --repeats} times, or fewer (at least 3) once it has taken
     * {@code --seconds-per-query}: a query of seconds says enough in a few runs.
     */
    private Timed time(Connection c, String where, String sql) throws SQLException {
        long rows = run(c, sql);
        List<Long> ms = new ArrayList<>();
        long spent = 0;
        while (ms.size() < repeats && (ms.size() < 3 || spent < secondsPerQuery * 1_000_000_000L)) {
            long t0 = System.nanoTime();
            run(c, sql);
            long took = System.nanoTime() - t0;
            spent += took;
            ms.add(took / 1_000_000);
        }
        return new Timed(where, ms.stream().mapToLong(Long::longValue).sorted().toArray(), rows);
    }

    /** Runs the query and reads every value of every row, as a client drawing the panel does. */
    private static long run(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            long rows = 0;
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                rows++;
            }
            return rows;
        }
    }

    private static Timed print(Timed t, Timed floor) {
        System.out.printf(
                "  p50 %6d  p95 %6d  max %6d  (p95 above the floor %6d; %2d runs, %6d rows)  %s%n",
                t.p(50), t.p(95), t.p(100), t.p(95) - floor.p(50), t.sortedMs().length, t.rows(), t.where());
        return t;
    }

    private static void summary(String what, List<Timed> timed, long goalMs) {
        Timed worst =
                timed.stream().max((a, b) -> Long.compare(a.p(95), b.p(95))).orElseThrow();
        System.out.printf(
                "%s: %d queries, %d with p95 over %d ms; the slowest: p95 %d ms, %s%n",
                what,
                timed.size(),
                timed.stream().filter(t -> t.p(95) > goalMs).count(),
                goalMs,
                worst.p(95),
                worst.where());
    }

    private static List<String[]> columns(Connection c, String table) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT name, type FROM system.columns"
                + " WHERE database = currentDatabase() AND table = ? AND default_kind NOT IN ('MATERIALIZED', 'ALIAS')"
                + " ORDER BY position")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return columns;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count() FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new HistoryBenchmark()).execute(args));
    }
}
