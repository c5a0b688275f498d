package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.testing.JobRuns.CONFIG;
import static org.ccpulse.jobs.testing.Restarts.awaitCondition;
import static org.ccpulse.jobs.testing.Restarts.backendClass;
import static org.ccpulse.jobs.testing.Restarts.millis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.DeadLetterTopic;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.Restarts;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.ContactEvent;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job survives being killed: it is stopped hard after a checkpoint, once it has already written
 * figures the checkpoint does not cover, and restarted from that checkpoint. It then replays those
 * records and rewrites those figures; the views must end up exactly as after an uninterrupted run
 * over the same topic, and as the plain recomputation. Checkpoint and kill fall inside one minute's
 * facts, so the figures come out right only if the restored state carries the checkpointed ones.
 *
 * <p>The restarted job keeps the live (unbounded) Kafka source: its restored splits carry the
 * checkpointed "never stop" bound, so a bounded source would not stop on them. It is stopped instead
 * once its consumer group has committed the topic's end offsets, with a draining stop-with-savepoint
 * that, like the end of a bounded run, advances event time to the end and flushes every sink.
 *
 * <p>It runs on production's state backend (RocksDB, incremental checkpoints: {@link StateSettings#production})
 * and on the heap backend; both runs of the killed job use it (the uninterrupted run keeps Flink's default, the heap).
 */
@ExtendWith(ComponentsExtension.class)
class ServiceLevelRestartIT {

    private static final int PARTITIONS = 3;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @ParameterizedTest(name = "state backend {0}")
    @EnumSource(
            value = StateSettings.Backend.class,
            names = {"ROCKSDB", "HEAP"})
    void afterAKillAndARestoreTheViewsEqualAnUninterruptedRun(
            StateSettings.Backend backend,
            KafkaEndpoint kafka,
            ClickHouseEndpoint clickHouse,
            @UniqueTopic(partitions = PARTITIONS) String topic,
            @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        SimulatedTraffic traffic = SimulatedTraffic.simulate(dir.resolve("traffic"), 40, 1, "2026-10-25", 11);
        // The checkpoint goes right after the first fact of the busiest minute, the kill right before its
        // third: its figures then need the restored state (a restart without it would rewrite that minute
        // without its first fact, and a versioned rewrite could not tell).
        List<ContactEvent> busiestMinute = PlainRecomputation.factsPerMinute(traffic.acceptedEvents()).values().stream()
                .max(Comparator.comparingInt(List::size))
                .orElseThrow();
        assertThat(busiestMinute).as("facts in the busiest minute").hasSizeGreaterThanOrEqualTo(3);
        int checkpointAt = traffic.firstLineOf(busiestMinute.get(0).eventId()) + 1;
        int killAt = traffic.firstLineOf(busiestMinute.get(2).eventId());
        SimulatedTraffic checkpointed = traffic.slice(0, checkpointAt);
        SimulatedTraffic replayed = traffic.slice(checkpointAt, killAt);
        SimulatedTraffic whileDown = traffic.slice(killAt, traffic.size());
        String group = "restart-" + topic;
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        long started = System.nanoTime();

        // The first run takes a checkpoint once the figures of the records before it are out...
        checkpointed.produce(kafka.bootstrapServers(), topic);
        JobClient first = start(kafka, topic, group, db, checkpointStorage(backend));
        awaitCondition(() -> IntervalFigures.factsIn(db) >= PlainRecomputation.factCount(checkpointed));
        String checkpoint = cluster.triggerCheckpoint(first.getJobID()).get(1, TimeUnit.MINUTES);
        // ...writes the figures of the next records, which no checkpoint covers, and is killed.
        replayed.produce(kafka.bootstrapServers(), topic);
        awaitCondition(() -> IntervalFigures.factsIn(db) >= PlainRecomputation.factCount(traffic.slice(0, killAt)));
        first.cancel().get(1, TimeUnit.MINUTES);
        CommonTestUtils.waitForJobStatus(first, List.of(JobStatus.CANCELED));
        long factsAtKill = IntervalFigures.factsIn(db);
        long killed = System.nanoTime();

        // The rest arrives while the job is down; the second run restores the checkpoint and replays from there.
        whileDown.produce(kafka.bootstrapServers(), topic);
        RunOptions restore = checkpointStorage(backend)
                .withCheckpointInterval(Duration.ofMillis(500)) // commits offsets
                .withRestoreFrom(checkpoint);
        JobClient second = start(kafka, topic, group, db, restore);
        awaitCondition(() -> DeadLetterTopic.committedToEnd(kafka.bootstrapServers(), topic, group));
        second.stopWithSavepoint(true, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(1, TimeUnit.MINUTES);
        second.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        AccessExecutionGraph secondRun =
                cluster.getArchivedExecutionGraph(second.getJobID()).get(1, TimeUnit.MINUTES);
        RestoredCheckpointStats restored =
                secondRun.getCheckpointStatsSnapshot().getLatestRestoredCheckpoint();
        AccessExecutionGraph firstRun =
                cluster.getArchivedExecutionGraph(first.getJobID()).get(1, TimeUnit.MINUTES);

        long restartedRunEnded = System.nanoTime();
        ClickHouseAccess uninterrupted = ClickHouseDatabase.fresh(clickHouse);
        JobRuns.runUntilNow(kafka, topic, uninterrupted);
        long uninterruptedRunEnded = System.nanoTime();

        for (var run : Map.of("first run", firstRun, "restored run", secondRun).entrySet()) {
            assertThat(run.getValue().getStateBackendName())
                    .as("state backend of the " + run.getKey())
                    .contains(backendClass(backend));
            assertThat(run.getValue().getCheckpointStorageName())
                    .as("checkpoint storage of the " + run.getKey())
                    .contains("FileSystemCheckpointStorage");
        }
        if (backend.incremental()) {
            // The tasks snapshot incrementally too: after its first (full) checkpoint, the restored run's checkpoints
            // write less than the whole state.
            assertThat(secondRun.getCheckpointStatsSnapshot().getHistory().getCheckpoints())
                    .as("completed checkpoints of the restored run")
                    .filteredOn(c -> c.getStatus() == CheckpointStatsStatus.COMPLETED)
                    .anyMatch(c -> c.getCheckpointedSize() < c.getStateSize());
        }
        assertThat(restored).as("the second run's restored checkpoint").isNotNull();
        assertThat(restored.getExternalPath()).isEqualTo(checkpoint);
        long allFacts = PlainRecomputation.factCount(traffic);
        assertThat(factsAtKill)
                .as("facts in ClickHouse when the first run was killed")
                .isGreaterThan(PlainRecomputation.factCount(checkpointed))
                .isLessThan(allFacts);
        assertThat(IntervalFigures.factsIn(db)).isEqualTo(allFacts);

        Map<String, IntervalFigures.Row> afterRestart = IntervalFigures.read(db);
        assertThat(afterRestart).isEqualTo(IntervalFigures.read(uninterrupted));
        IntervalFigures.assertEqualToRecomputation(
                afterRestart, PlainRecomputation.perInterval(traffic.acceptedEvents(), CONFIG), CONFIG);
        assertThat(IntervalFigures.count(db, "SELECT count() FROM dead_letters FINAL"))
                .isEqualTo(traffic.rejectedCount());
        System.out.printf(
                "restart (%s): %d records; checkpoint %s after record %d (%d of %d facts), killed before record %d "
                        + "(%d facts written), %d interval rows; first run %d ms, restored run %d ms, uninterrupted run %d ms%n",
                backend.type(),
                traffic.size(),
                checkpoint,
                checkpointAt,
                PlainRecomputation.factCount(checkpointed),
                allFacts,
                killAt,
                factsAtKill,
                afterRestart.size(),
                millis(started, killed),
                millis(killed, restartedRunEnded),
                millis(restartedRunEnded, uninterruptedRunEnded));
    }

    private RunOptions checkpointStorage(StateSettings.Backend backend) {
        return Restarts.checkpointStorage(dir.resolve("checkpoints"), backend);
    }

    private static JobClient start(
            KafkaEndpoint kafka, String topic, String group, ClickHouseAccess db, RunOptions options) throws Exception {
        return JobRuns.startLive(kafka, topic, group, db, options);
    }
}
