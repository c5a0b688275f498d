package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.testing.JobRuns.CONFIG;
import static org.ccpulse.jobs.testing.Restarts.awaitCondition;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.ccpulse.flinkcluster.FlinkCluster;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.Checkpoints;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: on a standalone cluster of one JobManager and two TaskManagers (each a JVM of its own, started with
 * {@code bin/}), a TaskManager that runs the service-level job is killed with SIGKILL mid-stream (half the
 * traffic checkpointed, the third quarter partly written, the last quarter produced after the kill): its tasks,
 * their RocksDB and what they did since the last checkpoint are gone with it. Flink restarts the job by
 * itself from the last completed checkpoint onto the surviving TaskManager (2 slots each, so one holds the whole
 * job), and every figure ends equal to the plain recomputation: nothing lost, nothing counted twice.
 */
@ExtendWith(ComponentsExtension.class)
class TaskManagerLossIT {

    private static final Duration AT_MOST = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void aTaskManagerKilledMidStreamIsReplacedByTheOtherFromTheLastCheckpoint(
            KafkaEndpoint kafka, ClickHouseEndpoint clickHouse, @UniqueTopic(partitions = 3) String topic)
            throws Exception {
        RestartRun run = RestartRun.prepare(dir, clickHouse);
        SimulatedTraffic traffic = run.traffic();
        int half = traffic.size() / 2;
        int threeQuarters = traffic.size() * 3 / 4;
        SimulatedTraffic firstHalf = traffic.slice(0, half);
        SimulatedTraffic thirdQuarter = traffic.slice(half, threeQuarters);
        SimulatedTraffic lastQuarter = traffic.slice(threeQuarters, traffic.size());
        ClickHouseAccess db = run.db();
        Path config = run.config();
        String checkpoints = run.checkpoints();
        String jobCheckpoints = checkpoints + "/service-level";

        // A dead TaskManager is noticed when heartbeats to it fail; every second, so the test does not wait long.
        try (FlinkCluster cluster = FlinkCluster.start(dir.resolve("cluster"), 2, "heartbeat.interval=1s")) {
            firstHalf.produce(kafka.bootstrapServers(), topic);
            String job = ServiceLevelOnCluster.submit(
                    cluster, kafka, topic, db, config, checkpoints, Duration.ofSeconds(1), dir.resolve("client.log"));
            awaitCondition(
                    () -> IntervalFigures.factsIn(db) >= PlainRecomputation.factCount(firstHalf)
                            && Checkpoints.latest(jobCheckpoints).isPresent(),
                    AT_MOST);
            thirdQuarter.produce(kafka.bootstrapServers(), topic);
            awaitCondition(
                    () -> IntervalFigures.factsIn(db)
                            > PlainRecomputation.factCount(firstHalf), // rows newer than any checkpoint
                    AT_MOST);
            Set<String> running = new TreeSet<>(cluster.taskManagersRunning(job));
            String killed = running.iterator().next();
            long checkpointBeforeKill =
                    checkpointNumber(Checkpoints.latest(jobCheckpoints).orElseThrow());
            cluster.kill(killed);
            long factsAtKill = IntervalFigures.factsIn(db);
            lastQuarter.produce(kafka.bootstrapServers(), topic); // while the job restarts

            cluster.awaitTaskManagers(1);
            awaitCondition(() -> restored(cluster, job).isObject(), AT_MOST);
            cluster.awaitRunning(job);
            awaitCondition(() -> IntervalFigures.factsIn(db) >= PlainRecomputation.factCount(traffic), AT_MOST);
            Thread.sleep(3_000); // a replay past the end would show now (flushes are every 2 s)

            JsonNode restored = restored(cluster, job);
            assertThat(restored.path("is_savepoint").asBoolean()).isFalse();
            assertThat(restored.path("external_path").asText())
                    .startsWith(jobCheckpoints.replace("file:///", "file:/"));
            assertThat(restored.path("id").asLong())
                    .as("restored checkpoint, the newest when the TaskManager died")
                    .isGreaterThanOrEqualTo(checkpointBeforeKill);
            assertThat(cluster.taskManagersRunning(job))
                    .as("the job's TaskManagers after the restart")
                    .doesNotContain(killed)
                    .hasSize(1);
            assertThat(factsAtKill)
                    .isGreaterThan(PlainRecomputation.factCount(firstHalf))
                    .isLessThan(PlainRecomputation.factCount(traffic));
            IntervalFigures.assertEveryFactOnce(db, traffic, CONFIG);
            System.out.printf(
                    "TaskManager loss: %d records; %s of %s killed with %d of %d facts written; restored checkpoint %d (%s)%n",
                    traffic.size(),
                    killed,
                    running,
                    factsAtKill,
                    PlainRecomputation.factCount(traffic),
                    restored.path("id").asLong(),
                    restored.path("external_path").asText());
        }
    }

    /** {@code latest.restored} of the job's checkpoint statistics: null until it has restored one. */
    private static JsonNode restored(FlinkCluster cluster, String job) throws Exception {
        return cluster.get("/jobs/" + job + "/checkpoints").path("latest").path("restored");
    }

    /** n of {@code .../chk-n}. */
    private static long checkpointNumber(String path) {
        return Long.parseLong(path.substring(path.lastIndexOf("chk-") + "chk-".length()));
    }
}
