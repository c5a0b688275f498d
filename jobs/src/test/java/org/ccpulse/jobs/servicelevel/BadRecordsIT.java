package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.testing.JobRuns.CONFIG;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.IsolationLevel;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.DeadLetterTopic;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.parse.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: 1 % bad records of every kind the parsers reject, among a day of live traffic. The job never
 * fails or restarts; each bad record is one dead letter, with its reason, on the dead-letter topic
 * (read_committed) and in the table; and the good records' figures equal the plain recomputation.
 */
@ExtendWith(ComponentsExtension.class)
class BadRecordsIT {

    private static final String RATE = "0.01";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void onePercentOfEveryKindIsDeadLetteredOnceWithoutARestart(
            KafkaEndpoint kafka,
            ClickHouseEndpoint clickHouse,
            @UniqueTopic(partitions = 3) String topic,
            @UniqueTopic(partitions = 1) String deadLetters,
            @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        SimulatedTraffic traffic = SimulatedTraffic.simulate(
                dir.resolve("traffic"),
                40,
                1,
                "2026-10-25",
                11,
                "--malformed-json-rate",
                RATE,
                "--oversized-rate",
                RATE,
                "--missing-field-rate",
                RATE,
                "--wrong-type-rate",
                RATE,
                "--unknown-enum-rate",
                RATE,
                "--negative-duration-rate",
                RATE,
                "--future-timestamp-rate",
                RATE,
                "--invalid-value-rate",
                RATE);
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        ClickHouseOutputs outputs =
                new ClickHouseOutputs(db, kafka.bootstrapServers(), deadLetters, "it-" + deadLetters);
        String group = "bad-records-" + topic;

        traffic.produce(kafka.bootstrapServers(), topic);
        JobClient job = JobRuns.startLive(kafka, topic, group, outputs, JobRuns.OPTIONS);
        long bad = traffic.rejectedCount();
        long facts = PlainRecomputation.factCount(traffic);
        try {
            CommonTestUtils.waitUntilCondition(
                    () -> DeadLetterTopic.committedToEnd(kafka.bootstrapServers(), topic, group)
                            && letters(kafka, deadLetters).size() >= bad
                            && IntervalFigures.factsIn(db) >= facts,
                    200,
                    600);
            Thread.sleep(2_000); // a dead letter written twice would show now

            List<DeadLetterTopic.Letter> letters = letters(kafka, deadLetters);
            Map<String, Long> perProblem = letters.stream()
                    .collect(Collectors.groupingBy(l -> l.json().get("problem").asText(), Collectors.counting()));
            assertThat(letters).as("dead letters on the topic, read_committed").hasSize((int) bad);
            assertThat(letters.stream().map(DeadLetterTopic.Letter::coordinates).distinct())
                    .as("one per bad record")
                    .hasSize((int) bad);
            assertThat(perProblem.keySet())
                    .as("every kind of bad record")
                    .containsAll(
                            Problem.parserRules().stream().map(Problem::name).toList());
            assertThat(IntervalFigures.count(db, "SELECT count() FROM dead_letters FINAL"))
                    .isEqualTo(bad);
            IntervalFigures.assertEqualToRecomputation(
                    IntervalFigures.read(db), PlainRecomputation.perInterval(traffic.acceptedEvents(), CONFIG), CONFIG);
            assertThat(cluster.getExecutionGraph(job.getJobID())
                            .get(1, TimeUnit.MINUTES)
                            .getStatusTimestamp(JobStatus.RESTARTING))
                    .as("the job never restarted")
                    .isZero();
            System.out.printf("bad records: %d of %d records, per problem %s%n", bad, traffic.size(), perProblem);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }

    private static List<DeadLetterTopic.Letter> letters(KafkaEndpoint kafka, String topic) {
        return DeadLetterTopic.read(kafka.bootstrapServers(), topic, IsolationLevel.READ_COMMITTED);
    }
}
