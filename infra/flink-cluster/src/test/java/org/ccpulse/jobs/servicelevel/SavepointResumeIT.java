package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.testing.JobRuns.CONFIG;
import static org.ccpulse.jobs.testing.Restarts.awaitCondition;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.ccpulse.flinkcluster.FlinkCluster;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redeploy on a standalone cluster (one JobManager, two TaskManagers, each a JVM of its own): the service-level
 * job is stopped with a savepoint through the REST API (no drain: open windows and timers stay in it), submitted
 * again from that savepoint with another checkpoint interval, and fed the rest of the traffic. The resumed job
 * reports the savepoint as restored, runs with the new interval, and every figure ends equal to the plain
 * recomputation: nothing lost over the stop, nothing counted twice.
 */
@ExtendWith(ComponentsExtension.class)
class SavepointResumeIT {

    private static final Duration AT_MOST = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void aJobStoppedWithASavepointResumesWithAnotherCheckpointIntervalAndLosesNothing(
            KafkaEndpoint kafka, ClickHouseEndpoint clickHouse, @UniqueTopic(partitions = 3) String topic)
            throws Exception {
        RestartRun run = RestartRun.prepare(dir, clickHouse);
        SimulatedTraffic traffic = run.traffic();
        SimulatedTraffic firstHalf = traffic.slice(0, traffic.size() / 2);
        SimulatedTraffic secondHalf = traffic.slice(traffic.size() / 2, traffic.size());
        ClickHouseAccess db = run.db();
        Path config = run.config();
        String checkpoints = run.checkpoints();

        try (FlinkCluster cluster = FlinkCluster.start(dir.resolve("cluster"), 2)) {
            firstHalf.produce(kafka.bootstrapServers(), topic);
            String before = ServiceLevelOnCluster.submit(
                    cluster, kafka, topic, db, config, checkpoints, Duration.ofSeconds(1), dir.resolve("before.log"));
            awaitCondition(() -> IntervalFigures.factsIn(db) >= PlainRecomputation.factCount(firstHalf), AT_MOST);
            long intervalBefore = checkpointInterval(cluster, before);
            String savepoint = cluster.stopWithSavepoint(before, dir.resolve("savepoints"));
            awaitCondition(() -> state(cluster, before).equals("FINISHED"), AT_MOST);
            long factsAtStop = IntervalFigures.factsIn(db);

            secondHalf.produce(kafka.bootstrapServers(), topic);
            String after = ServiceLevelOnCluster.submit(
                    cluster,
                    kafka,
                    topic,
                    db,
                    config,
                    checkpoints,
                    Duration.ofSeconds(3),
                    dir.resolve("after.log"),
                    "--restore",
                    savepoint);
            awaitCondition(() -> IntervalFigures.factsIn(db) >= PlainRecomputation.factCount(traffic), AT_MOST);
            Thread.sleep(3_000); // a replay past the end would show now (flushes are every 2 s)

            JsonNode restored = cluster.get("/jobs/" + after + "/checkpoints")
                    .path("latest")
                    .path("restored");
            assertThat(restored.path("is_savepoint").asBoolean()).isTrue();
            assertThat(restored.path("external_path").asText()).isEqualTo(savepoint);
            assertThat(intervalBefore).isEqualTo(1_000);
            assertThat(checkpointInterval(cluster, after)).isEqualTo(3_000);
            assertThat(factsAtStop)
                    .isGreaterThanOrEqualTo(PlainRecomputation.factCount(firstHalf))
                    .isLessThan(PlainRecomputation.factCount(traffic));
            IntervalFigures.assertEveryFactOnce(db, traffic, CONFIG);
            System.out.printf(
                    "savepoint resume: %d records; stopped with %d of %d facts written into %s; resumed as %s%n",
                    traffic.size(), factsAtStop, PlainRecomputation.factCount(traffic), savepoint, after);
        }
    }

    private static String state(FlinkCluster cluster, String job) throws Exception {
        return cluster.get("/jobs/" + job).path("state").asText();
    }

    /** The job's checkpoint interval in milliseconds, as the JobManager runs it. */
    private static long checkpointInterval(FlinkCluster cluster, String job) throws Exception {
        return cluster.get("/jobs/" + job + "/checkpoints/config")
                .path("interval")
                .asLong();
    }
}
