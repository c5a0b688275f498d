package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.testing.JobRuns.CONFIG;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.util.function.SupplierWithException;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.CcpulseMain;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.Checkpoints;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: the job's process is killed with SIGKILL mid-stream (no cancel, no last checkpoint, rows
 * already written that no checkpoint covers), and the same command is run again. It resumes from
 * the newest retained checkpoint by itself, and every figure ends equal to an uninterrupted run and
 * to the plain recomputation: nothing lost, nothing counted twice. The job runs as production runs
 * it: {@code CcpulseMain} in a JVM of its own, RocksDB with incremental checkpoints every second.
 */
@ExtendWith(ComponentsExtension.class)
class CrashResumeIT {

    private static final long POLL_MS = 200;
    private static final int POLLS = 600; // two minutes

    @TempDir
    Path dir;

    @Test
    void aJobKilledMidStreamAndStartedAgainReproducesEveryFigure(
            KafkaEndpoint kafka, ClickHouseEndpoint clickHouse, @UniqueTopic(partitions = 3) String topic)
            throws Exception {
        RestartRun run = RestartRun.prepare(dir, clickHouse);
        SimulatedTraffic traffic = run.traffic();
        SimulatedTraffic firstHalf = traffic.slice(0, traffic.size() / 2);
        // The last quarter is sent only after the kill: however fast the job writes, it dies mid-stream.
        SimulatedTraffic thirdQuarter = traffic.slice(traffic.size() / 2, traffic.size() * 3 / 4);
        SimulatedTraffic lastQuarter = traffic.slice(traffic.size() * 3 / 4, traffic.size());
        ClickHouseAccess db = run.db();
        Path config = run.config();
        String checkpoints = run.checkpoints();
        List<String> command = command(kafka, topic, config, checkpoints);

        firstHalf.produce(kafka.bootstrapServers(), topic);
        Process first = start(command, db, dir.resolve("first.log"));
        awaitCondition(
                first,
                () -> IntervalFigures.factsIn(db) >= PlainRecomputation.factCount(firstHalf)
                        && Checkpoints.latest(checkpoints + "/service-level").isPresent());
        thirdQuarter.produce(kafka.bootstrapServers(), topic);
        awaitCondition(
                first,
                () -> IntervalFigures.factsIn(db)
                        > PlainRecomputation.factCount(firstHalf)); // rows newer than any checkpoint
        first.destroyForcibly().waitFor(1, TimeUnit.MINUTES); // SIGKILL
        long factsAtKill = IntervalFigures.factsIn(db);
        String resumable = Checkpoints.latest(checkpoints + "/service-level").orElseThrow();
        lastQuarter.produce(kafka.bootstrapServers(), topic);

        Process second = start(command, db, dir.resolve("second.log"));
        try {
            awaitCondition(second, () -> IntervalFigures.factsIn(db) >= PlainRecomputation.factCount(traffic));
            Thread.sleep(3_000); // a replay past the end would show now (flushes are every 2 s)
        } finally {
            second.destroy();
            second.waitFor(1, TimeUnit.MINUTES);
        }

        ClickHouseAccess uninterrupted = ClickHouseDatabase.fresh(clickHouse);
        JobRuns.runUntilNow(kafka, topic, uninterrupted);

        assertThat(Files.readString(dir.resolve("second.log"))).contains("resuming from " + resumable);
        assertThat(factsAtKill)
                .isGreaterThan(PlainRecomputation.factCount(firstHalf))
                .isLessThan(PlainRecomputation.factCount(traffic));
        assertThat(IntervalFigures.read(db)).isEqualTo(IntervalFigures.read(uninterrupted));
        IntervalFigures.assertEveryFactOnce(db, traffic, CONFIG);
        System.out.printf(
                "crash resume: %d records; killed with %d of %d facts written; resumed from %s%n",
                traffic.size(), factsAtKill, PlainRecomputation.factCount(traffic), resumable);
    }

    /** The production command line, in a JVM of its own on this test's class path (Flink included). */
    private static List<String> command(KafkaEndpoint kafka, String topic, Path config, String checkpoints) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                CcpulseMain.class.getName()));
        command.addAll(ServiceLevelCommandLine.arguments(
                kafka, topic, config.toString(), "crash-" + topic, Duration.ofSeconds(1), checkpoints));
        return command;
    }

    private static Process start(List<String> command, ClickHouseAccess db, Path log) throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        ServiceLevelCommandLine.clickHouseEnvironment(db).forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        builder.directory(new File(System.getProperty("user.dir")));
        return builder.start();
    }

    /** Waits for the condition, failing at once if the job's process has died. */
    private static void awaitCondition(Process job, SupplierWithException<Boolean, Exception> condition)
            throws Exception {
        CommonTestUtils.waitUntilCondition(
                () -> {
                    if (!job.isAlive()) {
                        throw new IllegalStateException("the job's process ended with " + job.exitValue());
                    }
                    return condition.get();
                },
                POLL_MS,
                POLLS);
    }
}
