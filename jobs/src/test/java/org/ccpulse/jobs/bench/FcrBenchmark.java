package org.ccpulse.jobs.bench;

import static org.ccpulse.jobs.bench.BenchmarkOutput.say;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.FileUtils;
import org.ccpulse.infra.Components;
import org.ccpulse.jobs.CcpulseMain;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.fcr.FcrConfig;
import org.ccpulse.jobs.fcr.FcrContact;
import org.ccpulse.jobs.fcr.FcrJob;
import org.ccpulse.jobs.fcr.FcrOutcomeRow;
import org.ccpulse.jobs.fcr.FcrRepeatRow;
import org.ccpulse.jobs.fcr.FcrRules;
import org.ccpulse.jobs.fcr.FcrWindowState;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.DeadLetterTopic;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.simulator.SimulationConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark of the first-contact-resolution job, Kafka to ClickHouse, on this machine, over a
 * pre-filled topic of simulated days (default configuration: windows 24h, 72h, 7d, 30d, 2 h lateness):
 * <ol>
 *   <li>throughput: the job alone, bounded at the topic's end, at the given parallelism, with the CPU it
 *       used (records/s per core);
 *   <li>checkpoint size: the job live over the same topic with checkpoints every 10 s, until its group
 *       has committed the whole topic; the last checkpoint's full and incremental size, i.e. the state
 *       once every record is in;
 *   <li>state per open contact: the job's rules ({@link FcrRules}) run over the same records without
 *       Flink, as the operator runs them, to count what the state holds at the end (contacts, of them
 *       eligible ones with a window open) and its size in Flink's own serializer of that state.
 * </ol>
 * Prints figures; asserts nothing. How to run it and what it measured: jobs/BENCHMARKS.md.
 */
@Command(
        name = "fcr-benchmark",
        mixinStandardHelpOptions = true,
        description = "Throughput, checkpoint size and state per open contact of the first-contact-resolution job.")
public final class FcrBenchmark implements Callable<Integer> {

    @Option(names = "--days", defaultValue = "30", description = "simulated days pre-filled. Default: ${DEFAULT-VALUE}")
    int days;

    @Option(
            names = "--agents",
            defaultValue = "100",
            description = "agents of the simulated center (a customer base of 10,000 each). Default: ${DEFAULT-VALUE}")
    int agents;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description = "parallelism of the runs. Default: ${DEFAULT-VALUE}")
    int parallelism;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            converter = CcpulseMain.BackendConverter.class,
            description = "state backend: rocksdb (production) or heap. Default: ${DEFAULT-VALUE}")
    StateSettings.Backend backend;

    @Option(
            names = "--no-throughput",
            description = "skip the throughput pass: only the state model and the checkpoint of the live pass"
                    + " (which then may take up to 3 hours)")
    boolean noThroughput;

    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final DeploymentConfig CONFIG = DeploymentConfig.defaults();

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("ccpulse-fcr-bench-");
        try (Components components = Components.fromSystemEnvironment()) {
            String kafka = components.kafka().bootstrapServers();
            var clickHouse = components.clickHouse();
            String run = UUID.randomUUID().toString().substring(0, 8);
            say(
                    "pre-filling %d simulated days of a %d-agent center (a base of %,d customers)",
                    days, agents, SimulationConfig.customersFor(agents));
            PrefilledTopic input = PrefilledTopic.fill(kafka, "fcr-bench-" + run, agents, days);
            say("%,d records (%.1f s to simulate and produce)", input.records(), input.fillSeconds());

            double seconds = 3_600; // the live pass may take three times this
            if (!noThroughput) {
                say("throughput at parallelism %d, %s ...", parallelism, backend.type());
                ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
                CpuMeter cpu = CpuMeter.start();
                long t0 = System.nanoTime();
                var job = BenchmarkJob.start(
                                "fcr throughput",
                                parallelism,
                                Inputs.kafkaUntilNow(
                                        kafka, "fcr-bench-p-" + run, JobRuns.contactEventsFrom(input.topic())),
                                db,
                                work.resolve("checkpoints-throughput"),
                                backend,
                                List.of(new FcrJob()),
                                CONFIG)
                        .job();
                JobExecutionResult result = job.getJobExecutionResult().get();
                seconds = (System.nanoTime() - t0) / 1e9;
                CpuMeter.Usage usage = cpu.stop();
                long outcomes = count(db, "SELECT count() FROM fcr_contact_outcomes FINAL");
                long pairs = count(db, "SELECT count() FROM fcr_repeat_contacts FINAL");

                throughput(input, seconds, result.getNetRuntime() / 1000.0, usage, outcomes, pairs);
            }

            say("state model: the job's rules over the same records, without Flink ...");
            StateModel model = StateModel.of(simulatedAsPrefilled(work.resolve("traffic")));
            stateModel(model);

            say(
                    "state: the job live over the same topic, checkpoints every 10 s, until the whole topic is committed ...");
            ClickHouseAccess liveDb = ClickHouseDatabase.fresh(clickHouse);
            String group = "fcr-bench-live-" + run;
            var live = BenchmarkJob.start(
                    "fcr live",
                    parallelism,
                    Inputs.kafka(kafka, group, JobRuns.contactEventsFrom(input.topic())),
                    liveDb,
                    work.resolve("checkpoints-live"),
                    backend,
                    List.of(new FcrJob()),
                    CONFIG);
            CpuMeter liveCpu = CpuMeter.start();
            long liveStart = System.nanoTime();
            // The live run reads what the throughput run read, as fast: three times as long is a failure, not a
            // slow machine (a fixed 30 minutes cut a 41-minute 1,000-agent run short).
            Duration allowed = Duration.ofSeconds((long) Math.max(30 * 60, 3 * seconds));
            while (!DeadLetterTopic.committedToEnd(kafka, input.topic(), group)) {
                Thread.sleep(500);
                if (System.nanoTime() - liveStart > allowed.toNanos()) {
                    throw new IllegalStateException("the live run did not commit the topic within " + allowed);
                }
            }
            CpuMeter.Usage liveUsage = liveCpu.stop();
            System.out.printf(
                    "Live pass: %,d records committed in %.1f s; %,.0f records per CPU-second of the job's tasks"
                            + " (%.2f cores; checkpoints every 10 s included), other processes %.2f cores%n",
                    input.records(),
                    (System.nanoTime() - liveStart) / 1e9,
                    input.records() / (liveUsage.flinkTasks() + liveUsage.sourceFetchers()),
                    liveUsage.cores(liveUsage.flinkTasks() + liveUsage.sourceFetchers()),
                    liveUsage.cores(liveUsage.otherProcesses()));
            // One more checkpoint after the commit: it holds the state once every record is in.
            long committedAt = System.currentTimeMillis();
            CheckpointStats stats = CheckpointStats.read(live.rest(), live.job().getJobID());
            while (stats.latest() == null || stats.latest().triggeredAtMs() < committedAt) {
                Thread.sleep(500);
                stats = CheckpointStats.read(live.rest(), live.job().getJobID());
            }
            live.job().cancel().get(1, TimeUnit.MINUTES);
            checkpoint(stats, model);
        } finally {
            FileUtils.deleteDirectory(work.toFile());
        }
        return 0;
    }

    /**
     * The records the topic holds: the simulator with PrefilledTopic's options writes the same records to a file
     * (read line by line: a large center's month does not fit in the benchmark's heap at once).
     */
    private Path simulatedAsPrefilled(Path dir) {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(days);
        return SimulatedTraffic.simulateToFile(dir, agents, days, first.toString(), 7);
    }

    /** What the FCR state holds once every record is in, computed with the job's own rules and serializer. */
    record StateModel(
            long customers, long contacts, long eligible, long openEligible, long serializedBytes, long keyBytes) {

        static StateModel of(Path contactEvents) throws Exception {
            FcrConfig config = FcrConfig.from(CONFIG);
            FcrRules rules = new FcrRules(config);
            long outOfOrderness = CONFIG.shared().maxOutOfOrderness().toMillis();
            FcrRules.Emitter discard = new FcrRules.Emitter() {
                @Override
                public void outcome(FcrOutcomeRow row) {}

                @Override
                public void repeat(FcrRepeatRow row) {}
            };
            Map<String, List<FcrContact>> state = new HashMap<>();
            Set<String> seen = new HashSet<>();
            long maxTs = Long.MIN_VALUE;
            ContactEventParser parser = new ContactEventParser();
            try (BufferedReader lines = Files.newBufferedReader(contactEvents, StandardCharsets.UTF_8)) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!(parser.parse(line.getBytes(StandardCharsets.UTF_8))
                            instanceof ParseResult.Accepted<ContactEvent> accepted)) {
                        continue;
                    }
                    ContactEvent e = accepted.event();
                    maxTs = Math.max(maxTs, e.ts().toEpochMilli());
                    if (!seen.add(e.eventId()) || !FcrRules.concernsFcr(e)) {
                        continue;
                    }
                    long watermark = maxTs - outOfOrderness - 1;
                    List<FcrContact> contacts = state.computeIfAbsent(e.customerId(), k -> new ArrayList<>());
                    if (rules.record(contacts, e)) {
                        rules.evaluate(e.customerId(), contacts, watermark, discard);
                        state.put(e.customerId(), rules.keep(contacts, watermark));
                    }
                }
            }
            // The timers due by the last watermark have fired: evaluate and clean every customer at it.
            long watermark = maxTs - outOfOrderness - 1;
            TypeSerializer<FcrContact[]> serializer = Types.OBJECT_ARRAY(TypeInformation.of(FcrContact.class))
                    .createSerializer(new SerializerConfigImpl());
            DataOutputSerializer out = new DataOutputSerializer(4096);
            long customers = 0, contacts = 0, eligible = 0, open = 0, bytes = 0, keyBytes = 0;
            for (var entry : state.entrySet()) {
                List<FcrContact> list = entry.getValue();
                rules.evaluate(entry.getKey(), list, watermark, discard);
                List<FcrContact> kept = rules.keep(list, watermark);
                if (kept.isEmpty()) {
                    continue;
                }
                customers++;
                contacts += kept.size();
                for (FcrContact c : kept) {
                    if (c.completed()) {
                        eligible++;
                        if (c.windows != null) {
                            for (FcrWindowState w : c.windows) {
                                if (w.status == FcrWindowState.PENDING) {
                                    open++;
                                    break;
                                }
                            }
                        }
                    }
                }
                out.clear();
                serializer.serialize(kept.toArray(FcrContact[]::new), out);
                bytes += out.length();
                keyBytes += entry.getKey().length();
            }
            return new StateModel(customers, contacts, eligible, open, bytes, keyBytes);
        }
    }

    /** The throughput run's figures, printed as soon as it ended (the later phases take as long again). */
    private void throughput(
            PrefilledTopic input, double seconds, double jobSeconds, CpuMeter.Usage u, long outcomes, long pairs) {
        double recordsPerSecond = input.records() / seconds;
        System.out.println();
        System.out.printf(
                "== First-contact resolution, Kafka -> ClickHouse, %d simulated days of a %d-agent center, on %d cores ==%n",
                days, agents, CORES);
        System.out.printf(
                "State backend %s (%s checkpoints every 10 s), parallelism %d, default configuration (windows 24h, 72h, 7d, 30d; 2 h lateness)%n",
                backend.type(), backend.incremental() ? "incremental" : "full", parallelism);
        System.out.printf(
                "Throughput: %,d records in %.1f s (job running %.1f s) = %,.0f records/s = %,.0f records/s per core of the machine;"
                        + " %,.0f records per CPU-second of the job's tasks, %,.0f per CPU-second of the whole JVM and ClickHouse%n",
                input.records(),
                seconds,
                jobSeconds,
                recordsPerSecond,
                recordsPerSecond / CORES,
                input.records() / (u.flinkTasks() + u.sourceFetchers()),
                input.records() / u.total());
        System.out.printf(
                "  CPU: job tasks %.2f cores, whole JVM %.2f, ClickHouse %.2f, other processes %.2f (of %d)%n",
                u.cores(u.flinkTasks() + u.sourceFetchers()),
                u.cores(u.jvmTotal()),
                u.cores(u.childProcesses()),
                u.cores(u.otherProcesses()),
                CORES);
        System.out.printf("  rows: %,d fcr_contact_outcomes, %,d fcr_repeat_contacts (FINAL)%n", outcomes, pairs);
    }

    private static void stateModel(StateModel model) {
        System.out.printf(
                "State model at the end (the job's rules and serializer, no Flink): %,d customers, %,d contacts"
                        + " (%,d eligible, %,d with a window open); FCR state %s serialized + %s of keys%n",
                model.customers(),
                model.contacts(),
                model.eligible(),
                model.openEligible(),
                CheckpointStats.mib(model.serializedBytes()),
                CheckpointStats.mib(model.keyBytes()));
    }

    private static void checkpoint(CheckpointStats stats, StateModel model) {
        CheckpointStats.Checkpoint last = stats.latest();
        System.out.printf(
                "Checkpoint once every record is in (live run, #%d): full state %s, this checkpoint wrote %s; %s%n",
                last.id(),
                CheckpointStats.mib(last.stateSize()),
                CheckpointStats.mib(last.checkpointedSize()),
                stats.summary());
        System.out.printf(
                "Bytes per open contact: %.0f serialized (FCR state / contacts in it); %.0f of the whole checkpoint"
                        + " (every operator's state, RocksDB files) / contacts in the FCR state%n",
                (double) model.serializedBytes() / model.contacts(), (double) last.stateSize() / model.contacts());
    }

    private static long count(ClickHouseAccess db, String sql) throws Exception {
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new FcrBenchmark()).execute(args);
        System.exit(exit);
    }
}
