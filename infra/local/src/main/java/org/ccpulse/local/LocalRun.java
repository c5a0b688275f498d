package org.ccpulse.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.util.FileUtils;
import org.ccpulse.infra.clickhouse.EmbeddedClickHouse;
import org.ccpulse.infra.kafka.EmbeddedKafka;
import org.ccpulse.infra.kafka.EmbeddedKafkaSettings;
import org.ccpulse.jobs.Jobs;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.schemas.clickhouse.ClickHouseConnections;
import org.ccpulse.schemas.clickhouse.Migrations;
import org.ccpulse.schemas.clickhouse.Migrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on this machine: Kafka, ClickHouse (migrated), the simulated contact center
 * and the metric jobs, started in that order and stopped in the reverse one.
 */
public final class LocalRun implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalRun.class);

    public static final String WRITER_USER = "ccpulse";
    public static final String GRAFANA_USER = "grafana";
    static final String[] INPUT_TOPICS = {"contact-events", "tickets", "orders"};
    static final int INPUT_PARTITIONS = 3;
    /**
     * How long Kafka keeps records (Kafka's default): a run started again within it resumes exactly where the last
     * one stopped; after it, from the oldest records left.
     */
    static final Duration KAFKA_RETENTION = Duration.ofDays(7);
    /** Where the run's servers listen: this machine only. */
    static final String LOOPBACK = "127.0.0.1";

    /** What to run; port 0 = any free port; {@code config} null = METRICS.md defaults. */
    public record Settings(
            Path dataDir,
            int kafkaPort,
            int clickHousePort,
            int agents,
            double speed,
            ZoneId zone,
            Path config,
            long seed,
            List<MetricJob> jobs) {}

    /** Closers of what has started, the latest first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private EmbeddedKafka kafka;
    private EmbeddedClickHouse clickHouse;
    private Credentials credentials;
    private JobsRun job;

    private LocalRun() {}

    /** Starts everything; if a step fails, what has started is stopped again and the failure thrown. */
    public static LocalRun start(Settings settings, Map<String, String> env, PrintStream out) throws Exception {
        LocalRun run = new LocalRun();
        try {
            run.startAll(settings, env, out);
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    private void startAll(Settings s, Map<String, String> env, PrintStream out) throws Exception {
        // First the data directory's lock: a second run on it stops here, before it changes anything.
        DataDirLock lock = DataDirLock.acquire(s.dataDir());
        started.push(lock);
        requireFree("Kafka", s.kafkaPort());
        requireFree("ClickHouse", s.clickHousePort());
        Path dataDir = s.dataDir().toAbsolutePath();
        // Business days follow the simulated center's clock, so "today" is its day.
        DeploymentConfig config = (s.config() == null ? DeploymentConfig.defaults() : DeploymentConfig.load(s.config()))
                .requireSectionsOf(Jobs.names())
                .withBusinessZone(s.zone());

        // Kafka keeps its records across runs, so a later run resumes the job from its last checkpoint at the offsets
        // it had read. A directory that holds no cluster (left by an older ccpulse, whose broker started afresh each
        // time) is cleared first.
        Path kafkaDir = dataDir.resolve("kafka");
        if (!EmbeddedKafka.holdsCluster(kafkaDir)) {
            FileUtils.deleteDirectory(kafkaDir.toFile());
        }
        kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults()
                .withPort(s.kafkaPort())
                .withDataDir(kafkaDir)
                .withDefaultPartitions(INPUT_PARTITIONS)
                .withRetention(KAFKA_RETENTION));
        started.push(kafka);
        kafka.createTopics(INPUT_PARTITIONS, INPUT_TOPICS);
        List<String> outputTopics = new ArrayList<>(List.of(DeadLetterSinks.TOPIC));
        OutputTopic.ALL.forEach(t -> outputTopics.add(t.name()));
        kafka.createTopics(1, outputTopics.toArray(String[]::new));
        out.println("Kafka       " + kafka.bootstrapServers() + "  topics " + String.join(", ", INPUT_TOPICS) + " ("
                + INPUT_PARTITIONS + " partitions), " + String.join(", ", outputTopics));

        credentials = Credentials.loadOrCreate(dataDir.resolve("credentials"), env, new SecureRandom());
        clickHouse = EmbeddedClickHouse.start(
                dataDir.resolve("clickhouse"),
                EmbeddedClickHouse.Options.defaults()
                        .withPort(s.clickHousePort())
                        .withCredentials(WRITER_USER, credentials.writerPassword())
                        .withReadOnlyUser(GRAFANA_USER, credentials.grafanaPassword()));
        started.push(clickHouse);
        out.println("ClickHouse  " + clickHouse.httpUrl() + "  data " + dataDir.resolve("clickhouse") + "  log "
                + clickHouse.logFile());

        try (Connection c =
                ClickHouseConnections.open(clickHouse.httpUrl(), WRITER_USER, credentials.writerPassword())) {
            Migrator.Result result = new Migrator(c).migrate(Migrations.bundled());
            out.println("Migrations  " + result.applied().size() + " applied now, "
                    + result.alreadyApplied().size() + " applied before");
        }

        LiveSimulator simulator =
                LiveSimulator.start(kafka.bootstrapServers(), s.agents(), s.speed(), s.zone(), s.seed());
        started.push(simulator);
        out.println("Simulator   live, " + s.agents() + " agents, local clock " + s.zone() + ", speed " + s.speed()
                + ", seed " + s.seed());

        ClickHouseAccess writer = new ClickHouseAccess(clickHouse.httpUrl(), WRITER_USER, credentials.writerPassword());
        job = JobsRun.start(s.jobs(), kafka.bootstrapServers(), writer, config, dataDir.resolve("checkpoints"));
        started.push(job);
        out.println("Flink job   " + s.jobs().stream().map(MetricJob::name).collect(Collectors.joining(", "))
                + ", parallelism " + JobsRun.PARALLELISM + ", checkpoints every "
                + RunOptions.DEFAULT_CHECKPOINT_INTERVAL.toSeconds() + " s to " + dataDir.resolve("checkpoints")
                + (job.resumedFrom() == null ? ", no checkpoint to resume from" : ", resumed from " + job.resumedFrom())
                + ", configuration " + (s.config() == null ? "METRICS.md defaults" : s.config()));
    }

    /**
     * A fixed port must be free on 127.0.0.1 (where everything here listens) before anything starts, so a clash
     * is one line rather than a broker failing half-way through its start. 0 (any free port) always is.
     */
    static void requireFree(String what, int port) throws StartRefused {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new StartRefused(what + " port " + port + " is in use on " + LOOPBACK
                    + "; stop what uses it, or choose another port (0 = any free port)");
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String clickHouseUrl() {
        return clickHouse.httpUrl();
    }

    public int clickHousePort() {
        return clickHouse.port();
    }

    public Credentials credentials() {
        return credentials;
    }

    /** The summary as Grafana's read-only user sees it. */
    public LiveSummary liveSummary() {
        return new LiveSummary(clickHouse.httpUrl(), GRAFANA_USER, credentials.grafanaPassword());
    }

    public boolean jobFailed() {
        return job.failed();
    }

    public String jobFailure() {
        return job.failure();
    }

    public String jobStatus() {
        return job.status();
    }

    /**
     * Stops in the reverse order of the start: cancels the job (and waits until it has stopped), stops the
     * simulator (its producer flushed), ClickHouse, Kafka, and last releases the data directory's lock. The data
     * directory stays. Idempotent.
     */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
                if (component instanceof DataDirLock lock) {
                    log.info("released {}", lock.file());
                } else {
                    log.info("stopped {}", component.getClass().getSimpleName());
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("stopping {} failed: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
