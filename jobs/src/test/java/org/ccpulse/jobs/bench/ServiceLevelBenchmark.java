package org.ccpulse.jobs.bench;

import static org.ccpulse.jobs.bench.BenchmarkOutput.say;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.flink.util.FileUtils;
import org.ccpulse.infra.Components;
import org.ccpulse.jobs.CcpulseMain;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark of the service-level job, Kafka to ClickHouse, on this machine: sustained throughput at
 * parallelism 1 and 2 over pre-filled simulated days, then freshness (event time to visible in
 * ClickHouse) of live events at half and at a tenth of the parallelism-1 rate, with the checkpoint
 * statistics of each live run (count, duration, full and incremental size). Every run uses the state
 * backend of {@code --state-backend} (production's RocksDB unless told). Prints figures; asserts nothing.
 * Kafka and ClickHouse come from {@link Components} (embedded unless the environment names servers).
 * How to run it, and what it measured: jobs/BENCHMARKS.md.
 */
@Command(
        name = "service-level-benchmark",
        mixinStandardHelpOptions = true,
        description = "Throughput and freshness of the service-level job, Kafka to ClickHouse.")
public final class ServiceLevelBenchmark implements Callable<Integer> {

    @Option(
            names = "--days",
            defaultValue = "40",
            description = "simulated days pre-filled for the throughput runs. Default: ${DEFAULT-VALUE}")
    int days;

    @Option(
            names = "--warmup-days",
            defaultValue = "5",
            description =
                    "simulated days run through the job once, unmeasured, to warm up the JIT. Default: ${DEFAULT-VALUE}")
    int warmupDays;

    @Option(
            names = "--parallelism",
            split = ",",
            defaultValue = "1,2",
            description = "parallelisms of the throughput runs, in order. Default: ${DEFAULT-VALUE}")
    List<Integer> parallelisms;

    @Option(
            names = "--agents",
            defaultValue = "300",
            description = "agents of the simulated center. Default: ${DEFAULT-VALUE}")
    int agents;

    @Option(
            names = "--warmup",
            defaultValue = "PT10S",
            converter = CcpulseMain.DurationConverter.class,
            description = "live events sent before the freshness measurement starts. Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(
            names = "--measure",
            defaultValue = "PT60S",
            converter = CcpulseMain.DurationConverter.class,
            description = "span of live events whose freshness is measured. Default: ${DEFAULT-VALUE}")
    Duration measure;

    @Option(
            names = "--poll",
            defaultValue = "PT0.1S",
            converter = CcpulseMain.DurationConverter.class,
            description = "how often ClickHouse is asked. Default: ${DEFAULT-VALUE}")
    Duration poll;

    @Option(
            names = "--live-share",
            split = ",",
            defaultValue = "0.5,0.1",
            description =
                    "freshness runs, each at this share of the parallelism-1 throughput. Default: ${DEFAULT-VALUE}")
    List<Double> liveShares;

    @Option(names = "--live-rate", split = ",", description = "freshness runs at these live events per second instead")
    List<Double> liveRates;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            converter = CcpulseMain.BackendConverter.class,
            description =
                    "state backend of every run: rocksdb (production: incremental checkpoints), heap (full snapshots) "
                            + "or forst (needs flink-statebackend-forst on the class path). Default: ${DEFAULT-VALUE}")
    StateSettings.Backend backend;

    @Option(
            names = "--freshness-only",
            description =
                    "skip the pre-filled topic and the throughput runs (the warm-up runs still); needs --live-rate")
    boolean freshnessOnly;

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (freshnessOnly && liveRates == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--freshness-only needs --live-rate");
        }
        say("state backend: %s (%s checkpoints)", backend.type(), backend.incremental() ? "incremental" : "full");
        Path work = Files.createTempDirectory("ccpulse-bench-");
        try (Components components = Components.fromSystemEnvironment()) {
            String kafka = components.kafka().bootstrapServers();
            var clickHouse = components.clickHouse();
            String run = UUID.randomUUID().toString().substring(0, 8);

            PrefilledTopic warmupInput = prefill(kafka, "bench-warmup-" + run, warmupDays);
            PrefilledTopic input = freshnessOnly ? null : prefill(kafka, "bench-contact-events-" + run, days);

            say("warm-up (not measured): the job at parallelism 1 over %d days", warmupDays);
            ThroughputRun.run(
                    1,
                    warmupInput,
                    kafka,
                    ClickHouseDatabase.fresh(clickHouse),
                    work.resolve("checkpoints-warmup"),
                    backend);
            List<ThroughputRun.Result> runs = new ArrayList<>();
            LimitRun.Result limit = null;
            if (!freshnessOnly) {
                say("limit: the topic read and parsed, nothing else, at parallelism 1 ...");
                limit = LimitRun.run(input, kafka);
                say(
                        "limit: %,d records in %.1f s = %,.0f records/s",
                        limit.records(), limit.seconds(), limit.recordsPerSecond());
                print(limit.cpu());
                for (int parallelism : parallelisms) {
                    runs.add(throughput(
                            parallelism,
                            input,
                            kafka,
                            ClickHouseDatabase.fresh(clickHouse),
                            work.resolve("checkpoints-" + runs.size())));
                }
            }

            List<Double> rates = liveRates != null
                    ? liveRates
                    : liveShares.stream()
                            .map(share -> share
                                    * runs.stream()
                                            .filter(r -> r.parallelism() == 1)
                                            .findFirst()
                                            .orElse(runs.get(0))
                                            .recordsPerSecond())
                            .toList();
            List<FreshnessRun.Result> freshness = new ArrayList<>();
            for (double rate : rates) {
                say(
                        "freshness: %,.0f live events/s for %s warm-up + %s measured, polling every %d ms",
                        rate, warmup, measure, poll.toMillis());
                FreshnessRun.Result fresh = FreshnessRun.run(
                        rate,
                        warmup,
                        measure,
                        poll,
                        kafka,
                        "bench-live-" + freshness.size() + "-" + run,
                        ClickHouseDatabase.fresh(clickHouse),
                        work.resolve("checkpoints-live-" + freshness.size()),
                        backend);
                print(fresh);
                freshness.add(fresh);
            }

            summary(input, limit, runs, freshness, backend);
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
        return 0;
    }

    private PrefilledTopic prefill(String kafka, String topic, int simulatedDays) {
        say("pre-filling %d simulated days of a %d-agent center into Kafka topic %s", simulatedDays, agents, topic);
        PrefilledTopic filled = PrefilledTopic.fill(kafka, topic, agents, simulatedDays);
        say("%,d records (%.1f s to simulate and produce)", filled.records(), filled.fillSeconds());
        return filled;
    }

    private ThroughputRun.Result throughput(
            int parallelism, PrefilledTopic input, String kafka, ClickHouseAccess db, Path work) throws Exception {
        say("throughput at parallelism %d ...", parallelism);
        ThroughputRun.Result r =
                ThroughputRun.run(parallelism, input, kafka, db, work.resolve("checkpoints-p" + parallelism), backend);
        say(
                "p%d: %,d records in %.1f s (job running %.1f s) = %,.0f records/s; in ClickHouse: %,d exits, %,d handled, %,d dead letters",
                parallelism,
                r.records(),
                r.seconds(),
                r.jobRunningSeconds(),
                r.recordsPerSecond(),
                r.totals().exits(),
                r.totals().handled(),
                r.totals().deadLetters());
        print(r.cpu());
        return r;
    }

    private static void print(CpuMeter.Usage u) {
        say(
                "  CPU over %.1f s: Flink task threads %.2f cores, Kafka source fetchers %.2f, rest of the JVM %.2f "
                        + "(broker, Flink runtime, GC, JIT), ClickHouse process %.2f; total %.2f of %d cores",
                u.wallSeconds(),
                u.cores(u.flinkTasks()),
                u.cores(u.sourceFetchers()),
                u.cores(u.otherJvm()),
                u.cores(u.childProcesses()),
                u.cores(u.total()),
                CORES);
        say(
                "  machine: %.2f of %d cores busy, of which other processes (e.g. other builds) %.2f",
                u.cores(u.machineBusy()), CORES, u.cores(u.otherProcesses()));
        for (Map.Entry<String, Double> t : u.busiestThreads()) {
            say("    %5.1f s  %s", t.getValue(), t.getKey());
        }
    }

    private static void print(FreshnessRun.Result f) {
        say(
                "freshness: %,d events sent (%,.0f/s), %,d exits measured, %,d never seen, %,d excess counts; mean poll %.1f ms",
                f.events(),
                f.achievedRate(),
                f.exitsMeasured(),
                f.latencies().unseen(),
                f.latencies().excess(),
                f.meanPollMs());
        print(f.cpu());
        if (f.checkpoints() != null) {
            say("  checkpoints (%s): %s", f.backend().type(), f.checkpoints().summary());
            say("    %4s %9s %9s %12s %13s", "id", "at", "duration", "full state", "checkpointed");
            for (CheckpointStats.Checkpoint c : f.checkpoints().history()) {
                say(
                        "    %4d %7.1f s %9s %12s %13s",
                        c.id(),
                        (c.triggeredAtMs() - f.sendingStartedAtMs()) / 1000.0,
                        CheckpointStats.seconds(c.durationMs()),
                        CheckpointStats.mib(c.stateSize()),
                        CheckpointStats.mib(c.checkpointedSize()));
            }
            say("    (at: triggered, seconds after the first live event was sent)");
        }
    }

    private static void summary(
            PrefilledTopic input,
            LimitRun.Result limit,
            List<ThroughputRun.Result> runs,
            List<FreshnessRun.Result> freshness,
            StateSettings.Backend backend) {
        System.out.println();
        System.out.printf(
                "== Service-level job, Kafka -> ClickHouse, on %d cores (Kafka and Flink in one JVM, ClickHouse in a child process) ==%n",
                CORES);
        System.out.printf(
                "State backend: %s, %s checkpoints every 10 s (at least once)%n",
                backend.type(), backend.incremental() ? "incremental" : "full");
        if (!runs.isEmpty()) {
            throughputSummary(input, limit, runs);
        }
        freshness.forEach(ServiceLevelBenchmark::summary);
    }

    private static void throughputSummary(
            PrefilledTopic input, LimitRun.Result limit, List<ThroughputRun.Result> runs) {
        System.out.printf(
                "Throughput: %,d records (%s), bounded at the topic's end, time from job submit to last row in ClickHouse%n",
                input.records(), input.topic());
        System.out.printf(
                "%-11s %8s %11s %16s %11s %11s %11s %11s %14s%n",
                "parallelism",
                "seconds",
                "records/s",
                "records/s/core*",
                "job tasks",
                "whole JVM",
                "ClickHouse",
                "others**",
                "records/CPU-s");
        for (ThroughputRun.Result r : runs) {
            CpuMeter.Usage u = r.cpu();
            System.out.printf(
                    "%-11d %8.1f %,11.0f %,16.0f %11.2f %11.2f %11.2f %11.2f %,14.0f%n",
                    r.parallelism(),
                    r.seconds(),
                    r.recordsPerSecond(),
                    r.recordsPerSecond() / CORES,
                    u.cores(u.flinkTasks() + u.sourceFetchers()),
                    u.cores(u.jvmTotal()),
                    u.cores(u.childProcesses()),
                    u.cores(u.otherProcesses()),
                    r.records() / u.total());
        }
        System.out.printf(
                "  CPU columns: average cores busy. job tasks = Flink task and Kafka fetcher threads; whole JVM adds the Kafka broker,%n"
                        + "  Flink runtime, GC, JIT. * records/s divided by the machine's %d cores. ** other processes on the machine.%n"
                        + "  records/CPU-s = records / CPU seconds of this JVM and ClickHouse together (what one fully used core would do).%n",
                CORES);
        System.out.printf(
                "Limit (the same topic read from Kafka and parsed, nothing else), parallelism 1: %,.0f records/s,"
                        + " %,.0f records per CPU-second of its task and fetcher threads%n",
                limit.recordsPerSecond(), limit.recordsPerTaskCpuSecond());
        for (ThroughputRun.Result r : runs) {
            CpuMeter.Usage u = r.cpu();
            System.out.printf(
                    "  p%d against the limit: %.2f of its records/s, %.2f of its records per task CPU-second%n",
                    r.parallelism(),
                    r.recordsPerSecond() / limit.recordsPerSecond(),
                    r.records() / (u.flinkTasks() + u.sourceFetchers()) / limit.recordsPerTaskCpuSecond());
        }
    }

    private static void summary(FreshnessRun.Result fresh) {
        System.out.printf(
                "Freshness at %,.0f events/s (target %,.0f), parallelism 1, %,d exits, poll every %d ms (mean poll %.0f ms):%n",
                fresh.achievedRate(),
                fresh.targetRate(),
                fresh.exitsMeasured(),
                fresh.pollInterval().toMillis(),
                fresh.meanPollMs());
        printLatencies("answered/abandoned, event time -> counted in queue_minute", fresh.latencies(), fresh.slices());
        printLatencies(
                "waiting now (probe arrivals), event time -> counted in queue_live",
                fresh.waiting(),
                fresh.waitingSlices());
        CpuMeter.Usage u = fresh.cpu();
        System.out.printf(
                "  CPU meanwhile: %.2f of %d cores (job tasks %.2f, whole JVM incl. generator and poller %.2f, ClickHouse %.2f), other processes %.2f%n",
                u.cores(u.total()),
                CORES,
                u.cores(u.flinkTasks() + u.sourceFetchers()),
                u.cores(u.jvmTotal()),
                u.cores(u.childProcesses()),
                u.cores(u.otherProcesses()));
        if (fresh.checkpoints() != null) {
            System.out.println("  checkpoints (" + fresh.backend().type() + "): "
                    + fresh.checkpoints().summary());
        }
    }

    private static void printLatencies(
            String what, FreshnessLog.Latencies latencies, List<FreshnessLog.Latencies> slices) {
        System.out.println("  " + what + ": " + percentiles(latencies));
        for (int i = 0; i < slices.size(); i++) {
            long from = i * FreshnessRun.SLICE.toSeconds();
            System.out.printf(
                    "    events of seconds %3d-%-3d: %s%n",
                    from, from + FreshnessRun.SLICE.toSeconds(), percentiles(slices.get(i)));
        }
    }

    private static String percentiles(FreshnessLog.Latencies l) {
        long[] ms = l.sortedMillis();
        if (ms.length == 0) {
            return "none became visible; never seen: " + l.unseen();
        }
        return String.format(
                Locale.ROOT,
                "p50 %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s (%,d events; never seen: %d)",
                Percentiles.nearestRank(ms, 50) / 1000.0,
                Percentiles.nearestRank(ms, 90) / 1000.0,
                Percentiles.nearestRank(ms, 99) / 1000.0,
                ms[ms.length - 1] / 1000.0,
                ms.length,
                l.unseen());
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new ServiceLevelBenchmark()).execute(args);
        // Flink's and Kafka's client threads may linger after the run; a benchmark JVM just ends.
        System.exit(exit);
    }
}
