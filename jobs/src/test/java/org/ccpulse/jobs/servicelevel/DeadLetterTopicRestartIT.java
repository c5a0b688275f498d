package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.function.SupplierWithException;
import org.apache.kafka.common.IsolationLevel;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.infra.kafka.KafkaRecords;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.DeadLetterTopic;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Replays duplicate dead letters on Kafka": the job writes dead letters after a checkpoint, is killed,
 * and restored from that checkpoint replays the records behind them. The dead-letter topic, read as
 * EVENTS.md tells consumers to (read_committed), then holds exactly one record per bad input. The
 * replayed ones are on the log twice (read_uncommitted sees the first copy, in a transaction that was
 * aborted), which proves the replay happened and an at-least-once sink would have duplicated them.
 */
@ExtendWith(ComponentsExtension.class)
class DeadLetterTopicRestartIT {

    private static final int PARTITIONS = 3;
    private static final long POLL_MS = 200;
    private static final int POLLS = 600; // two minutes

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void afterARestoreTheTopicHoldsOneDeadLetterPerBadInput(
            KafkaEndpoint kafka,
            ClickHouseEndpoint clickHouse,
            @UniqueTopic(partitions = PARTITIONS) String topic,
            @UniqueTopic(partitions = 1) String deadLetters,
            @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        SimulatedTraffic traffic = SimulatedTraffic.simulate(dir.resolve("traffic"), 40, 1, "2026-10-25", 11);
        int third = traffic.size() / 3;
        List<SimulatedTraffic> parts = List.of(
                traffic.slice(0, third), traffic.slice(third, 2 * third), traffic.slice(2 * third, traffic.size()));
        String group = "dead-letter-restart-" + topic;
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        ClickHouseOutputs outputs =
                new ClickHouseOutputs(db, kafka.bootstrapServers(), deadLetters, "it-" + deadLetters);
        RunOptions checkpoints = JobRuns.OPTIONS
                .withCheckpointDirectory(dir.resolve("checkpoints").toUri().toString())
                .withCheckpointInterval(Duration.ofDays(1)); // none periodic: the test triggers one

        // First run: the first part's dead letters are committed with a checkpoint...
        long badOfFirst = send(kafka, topic, parts.get(0), "first");
        JobClient first = JobRuns.startLive(kafka, topic, group, outputs, checkpoints);
        awaitCondition(() -> deadLettersIn(db) >= badOfFirst);
        String checkpoint = cluster.triggerCheckpoint(first.getJobID()).get(1, TimeUnit.MINUTES);
        awaitCondition(
                () -> letters(kafka, deadLetters, IsolationLevel.READ_COMMITTED).size() >= badOfFirst);
        // ...the second part's are written after it (in a transaction still open) when the job is killed.
        long badOfSecond = send(kafka, topic, parts.get(1), "second");
        awaitCondition(() ->
                letters(kafka, deadLetters, IsolationLevel.READ_UNCOMMITTED).size() >= badOfFirst + badOfSecond);
        first.cancel().get(1, TimeUnit.MINUTES);
        CommonTestUtils.waitForJobStatus(first, List.of(JobStatus.CANCELED));
        int committedAtKill =
                letters(kafka, deadLetters, IsolationLevel.READ_COMMITTED).size();

        // The rest arrives while the job is down; restored from the checkpoint, it replays the second part.
        long badOfThird = send(kafka, topic, parts.get(2), "third");
        JobClient second = JobRuns.startLive(
                kafka,
                topic,
                group,
                outputs,
                checkpoints.withCheckpointInterval(Duration.ofMillis(500)).withRestoreFrom(checkpoint));
        long badInputs = badOfFirst + badOfSecond + badOfThird;
        awaitCondition(() -> DeadLetterTopic.committedToEnd(kafka.bootstrapServers(), topic, group)
                && letters(kafka, deadLetters, IsolationLevel.READ_COMMITTED).size() >= badInputs);
        second.stopWithSavepoint(true, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(1, TimeUnit.MINUTES);
        second.getJobExecutionResult().get(1, TimeUnit.MINUTES);

        List<DeadLetterTopic.Letter> committed = letters(kafka, deadLetters, IsolationLevel.READ_COMMITTED);
        List<DeadLetterTopic.Letter> everything = letters(kafka, deadLetters, IsolationLevel.READ_UNCOMMITTED);
        Map<String, Long> copies = committed.stream()
                .collect(Collectors.groupingBy(DeadLetterTopic.Letter::coordinates, Collectors.counting()));
        assertThat(committedAtKill)
                .as("committed when the first run was killed")
                .isEqualTo(badOfFirst);
        assertThat(committed).as("dead letters read_committed").hasSize((int) badInputs);
        assertThat(copies)
                .as("copies per bad input")
                .hasSize((int) badInputs)
                .allSatisfy((at, n) -> assertThat(n).as(at).isEqualTo(1));
        assertThat(everything.size())
                .as("records on the log, aborted ones included: the replayed part's twice")
                .isGreaterThanOrEqualTo((int) (badInputs + badOfSecond));
        Map<String, Long> problems = committed.stream()
                .collect(Collectors.groupingBy(l -> l.json().get("problem").asText(), Collectors.counting()));
        assertThat(problems).containsEntry("TOMBSTONE", 3L);
        assertThat(deadLettersIn(db)).isEqualTo(badInputs);
        System.out.printf(
                "dead-letter topic after a restore: %d bad inputs (%d + %d + %d), %d committed, %d on the log%n",
                badInputs, badOfFirst, badOfSecond, badOfThird, committed.size(), everything.size());
    }

    /** Sends a part of the traffic and two bad records of its own (malformed, tombstone); returns its bad inputs. */
    private static long send(KafkaEndpoint kafka, String topic, SimulatedTraffic part, String name) {
        part.produce(kafka.bootstrapServers(), topic);
        KafkaRecords.send(
                kafka.bootstrapServers(),
                topic,
                List.of(
                        new KafkaRecords.KeyValue(
                                null, ("{\"event_id\":\"" + name + "\"").getBytes(StandardCharsets.UTF_8)),
                        new KafkaRecords.KeyValue(null, null)));
        return part.rejectedCount() + 2L;
    }

    private static List<DeadLetterTopic.Letter> letters(KafkaEndpoint kafka, String topic, IsolationLevel isolation) {
        return DeadLetterTopic.read(kafka.bootstrapServers(), topic, isolation);
    }

    private static long deadLettersIn(ClickHouseAccess db) throws Exception {
        return IntervalFigures.count(db, "SELECT count() FROM dead_letters FINAL");
    }

    private static void awaitCondition(SupplierWithException<Boolean, Exception> condition) throws Exception {
        CommonTestUtils.waitUntilCondition(condition, POLL_MS, POLLS);
    }
}
