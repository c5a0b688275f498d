package org.ccpulse.jobs.bench;

import static org.ccpulse.jobs.bench.BenchmarkOutput.say;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.util.FileUtils;
import org.ccpulse.infra.Components;
import org.ccpulse.jobs.CcpulseMain;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.complaints.ComplaintsJob;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.simulator.SimulatorMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput of the complaints job on this machine: simulated tickets (the simulator's backfill, default mess)
 * repeated into a long NDJSON file, read bounded by the job through the launcher (as a backfill with
 * {@code --input-files} runs), rows into ClickHouse, at each parallelism of {@code --parallelism}. Prints
 * figures; asserts nothing. How to run it and what it measured: jobs/BENCHMARKS.md.
 */
@Command(
        name = "complaints-benchmark",
        mixinStandardHelpOptions = true,
        description = "Throughput of the complaints job, NDJSON tickets to ClickHouse.")
public final class ComplaintsBenchmark implements Callable<Integer> {

    @Option(
            names = "--agents",
            defaultValue = "100",
            description = "agents of the simulated center. Default: ${DEFAULT-VALUE}")
    int agents;

    @Option(
            names = "--days",
            defaultValue = "28",
            description = "simulated days (a multiple of 7), repeated --copies times. Default: ${DEFAULT-VALUE}")
    int days;

    @Option(
            names = "--copies",
            defaultValue = "6",
            description =
                    "the simulated days one after the other this many times (ids renamed, times shifted). Default: ${DEFAULT-VALUE}")
    int copies;

    @Option(
            names = "--parallelism",
            split = ",",
            defaultValue = "1,2",
            description = "parallelisms of the measured runs, in order. Default: ${DEFAULT-VALUE}")
    List<Integer> parallelisms;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            converter = CcpulseMain.BackendConverter.class,
            description = "rocksdb (production) or heap. Default: ${DEFAULT-VALUE}")
    StateSettings.Backend backend;

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeploymentConfig CONFIG = DeploymentConfig.parse("business_zone: Europe/Berlin");

    @Override
    public Integer call() throws Exception {
        if (days % 7 != 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--days must be a multiple of 7");
        }
        Path work = Files.createTempDirectory("ccpulse-complaints-bench-");
        try (Components components = Components.fromSystemEnvironment()) {
            var clickHouse = components.clickHouse();
            LocalDate start = LocalDate.of(2026, 1, 5); // a Monday
            say("simulating %d days of a %d-agent center ...", days, agents);
            long t0 = System.nanoTime();
            Path sim = work.resolve("sim");
            int exit = new CommandLine(new SimulatorMain())
                    .execute(
                            "--out-dir", sim.toString(),
                            "--agents", Integer.toString(agents),
                            "--days", Integer.toString(days),
                            "--start-date", start.toString(),
                            "--zone", "Europe/Berlin",
                            "--seed", "7");
            if (exit != 0) {
                throw new IllegalStateException("simulator exited with " + exit);
            }
            Path input = work.resolve("tickets.ndjson");
            long records = repeat(sim.resolve("tickets.ndjson"), input, copies, Duration.ofDays(days));
            Path warmup = work.resolve("warmup.ndjson");
            long warmupRecords = repeat(sim.resolve("tickets.ndjson"), warmup, 1, Duration.ofDays(days));
            say(
                    "%,d ticket records (%d x %d days; %.1f s to simulate and write)",
                    records, copies, days, (System.nanoTime() - t0) / 1e9);

            say("warm-up (not measured): parallelism 1 over %,d records", warmupRecords);
            run(1, warmup, warmupRecords, ClickHouseDatabase.fresh(clickHouse), work.resolve("cp-warmup"));
            for (int p : parallelisms) {
                Result r = run(p, input, records, ClickHouseDatabase.fresh(clickHouse), work.resolve("cp-" + p));
                CpuMeter.Usage u = r.cpu;
                say(
                        "p%d: %,d tickets in %.1f s (job running %.1f s) = %,.0f tickets/s, %,.0f tickets/s per core of"
                                + " this %d-core machine, %,.0f tickets per CPU-second (JVM + ClickHouse)",
                        p,
                        records,
                        r.seconds,
                        r.jobSeconds,
                        records / r.seconds,
                        records / r.seconds / CORES,
                        CORES,
                        records / u.total());
                say(
                        "    CPU: job tasks %.1f s, whole JVM %.1f s, ClickHouse %.1f s, other processes %.1f s (%.2f cores"
                                + " of %d busy with others); busiest threads %s",
                        u.flinkTasks() + u.sourceFetchers(),
                        u.jvmTotal(),
                        u.childProcesses(),
                        u.otherProcesses(),
                        u.cores(u.otherProcesses()),
                        CORES,
                        u.busiestThreads());
                say("    in ClickHouse: %s", r.totals);
            }
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
        return 0;
    }

    record Result(double seconds, double jobSeconds, CpuMeter.Usage cpu, String totals) {}

    private Result run(int parallelism, Path input, long records, ClickHouseAccess db, Path checkpoints)
            throws Exception {
        CpuMeter cpu = CpuMeter.start();
        long t0 = System.nanoTime();
        JobExecutionResult result = BenchmarkJob.start(
                        "complaints p" + parallelism,
                        parallelism,
                        Inputs.files(Map.of("tickets", List.of(input))),
                        db,
                        checkpoints,
                        backend,
                        List.of(new ComplaintsJob()),
                        CONFIG)
                .job()
                .getJobExecutionResult()
                .get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Usage usage = cpu.stop();
        return new Result(seconds, result.getNetRuntime() / 1000.0, usage, totals(db));
    }

    private static String totals(ClickHouseAccess db) throws Exception {
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT sum(complaints) FROM complaints_hour FINAL),"
                        + " (SELECT sum(reopens) FROM complaints_hour FINAL),"
                        + " (SELECT count() FROM complaint_lifecycle FINAL),"
                        + " (SELECT countIf(status = 'OPENED') FROM complaint_spikes FINAL),"
                        + " (SELECT count() FROM dead_letters FINAL)")) {
            rs.next();
            return String.format(
                    Locale.ROOT,
                    "%,d complaints, %,d reopens, %,d lifecycle rows, %d spikes opened, %,d dead letters",
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getLong(5));
        }
    }

    /**
     * The simulated lines {@code copies} times, copy k shifted by k x {@code period} with k appended to every
     * event_id and ticket_id, so they are new events of new tickets; lines that are not JSON objects are kept as
     * they are. Returns the lines written.
     */
    private static long repeat(Path from, Path to, int copies, Duration period) throws Exception {
        List<String> lines = Files.readAllLines(from, StandardCharsets.UTF_8);
        long n = 0;
        try (BufferedWriter out = Files.newBufferedWriter(to, StandardCharsets.UTF_8)) {
            for (int k = 0; k < copies; k++) {
                Duration shift = period.multipliedBy(k);
                for (String line : lines) {
                    out.write(k == 0 ? line : shifted(line, k, shift));
                    out.newLine();
                    n++;
                }
            }
        }
        return n;
    }

    private static String shifted(String line, int k, Duration shift) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (Exception e) {
            return line;
        }
        if (!(node instanceof ObjectNode o)) {
            return line;
        }
        for (String id : List.of("event_id", "ticket_id")) {
            if (o.get(id) != null && o.get(id).isTextual()) {
                o.put(id, o.get(id).asText() + "-" + k);
            }
        }
        for (String time : List.of("ts", "due_at")) {
            if (o.get(time) != null && o.get(time).isTextual()) {
                try {
                    o.put(time, Instant.parse(o.get(time).asText()).plus(shift).toString());
                } catch (Exception e) {
                    // a bad time stays bad
                }
            }
        }
        return o.toString();
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new ComplaintsBenchmark()).execute(args);
        System.exit(exit);
    }
}
