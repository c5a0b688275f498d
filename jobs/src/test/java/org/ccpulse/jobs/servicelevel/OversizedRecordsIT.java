package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.function.SupplierWithException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.infra.kafka.KafkaRecords;
import org.ccpulse.infra.kafka.KafkaTopics;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.DeadLetterTopic;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.RawValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "One large record stops the pipeline for good": a 5 MB and a 700 kB record (and a tombstone) among
 * a day of simulated traffic, on a topic that accepts them. The job keeps running (no failure, no
 * restart), each becomes a dead letter of at most a few KiB on the dead-letter topic (whose settings
 * are Kafka's defaults, 1 MB per message) and in {@code dead_letters}, and the figures of the good
 * records are those of a run over the same traffic without them.
 */
@ExtendWith(ComponentsExtension.class)
class OversizedRecordsIT {

    private static final int PARTITIONS = 3;
    /** What the input topic and its producer accept here: more than the 5 MB record. */
    private static final int MAX_MESSAGE_BYTES = 6 * 1024 * 1024;

    private static final long POLL_MS = 200;
    private static final int POLLS = 600; // two minutes

    /** A failure fails the job at once instead of restarting it, so a crash loop cannot hide behind a retry. */
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .setConfiguration(noRestarts())
            .build());

    @TempDir
    Path dir;

    @Test
    void largeRecordsBecomeBoundedDeadLettersAndTheJobKeepsCountingTheRest(
            KafkaEndpoint kafka,
            ClickHouseEndpoint clickHouse,
            @UniqueTopic(partitions = 0) String topic,
            @UniqueTopic(partitions = PARTITIONS) String withoutThem,
            @UniqueTopic(partitions = 1) String deadLetters,
            @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        SimulatedTraffic traffic = SimulatedTraffic.simulate(dir.resolve("traffic"), 40, 1, "2026-10-25", 11);
        byte[] fiveMegabytes = jsonOfSize(5_000_000);
        byte[] sevenHundredKilobytes = jsonOfSize(700_000);
        createTopicForLargeRecords(kafka, topic);
        int half = traffic.size() / 2;
        traffic.slice(0, half).produce(kafka.bootstrapServers(), topic);
        produce(kafka, topic, fiveMegabytes, null, sevenHundredKilobytes);
        traffic.slice(half, traffic.size()).produce(kafka.bootstrapServers(), topic);
        traffic.produce(kafka.bootstrapServers(), withoutThem);
        long badInputs = traffic.rejectedCount() + 3L;

        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        String group = "oversized-" + topic;
        JobClient job = JobRuns.startLive(
                kafka,
                topic,
                group,
                new ClickHouseOutputs(db, kafka.bootstrapServers(), deadLetters, "it-" + deadLetters),
                JobRuns.OPTIONS.withCheckpointInterval(Duration.ofSeconds(1)));
        awaitWhileRunning(
                job,
                () -> DeadLetterTopic.committedToEnd(kafka.bootstrapServers(), topic, group)
                        && committedLetters(kafka, deadLetters).size() >= badInputs);
        assertThat(job.getJobStatus().get(1, TimeUnit.MINUTES)).isEqualTo(JobStatus.RUNNING);
        AccessExecutionGraph running = cluster.getExecutionGraph(job.getJobID()).get(1, TimeUnit.MINUTES);
        assertThat(running.getStatusTimestamp(JobStatus.RESTARTING))
                .as("the job never restarted")
                .isZero();
        assertThat(running.getFailureInfo()).as("the job never failed").isNull();
        job.stopWithSavepoint(true, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(1, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(1, TimeUnit.MINUTES);

        // The good records' figures: as without the large records, and as the plain recomputation.
        ClickHouseAccess baseline = ClickHouseDatabase.fresh(clickHouse);
        JobRuns.runUntilNow(kafka, withoutThem, baseline);
        Map<String, IntervalFigures.Row> figures = IntervalFigures.read(db);
        assertThat(figures).isNotEmpty().isEqualTo(IntervalFigures.read(baseline));
        IntervalFigures.assertEqualToRecomputation(
                figures, PlainRecomputation.perInterval(traffic.acceptedEvents(), JobRuns.CONFIG), JobRuns.CONFIG);

        // On the topic: one dead letter per bad input, none larger than 64 KiB, the large ones cut to 8 KiB.
        List<DeadLetterTopic.Letter> letters = committedLetters(kafka, deadLetters);
        assertThat(letters).hasSize((int) badInputs);
        assertThat(letters).allSatisfy(l -> assertThat(l.valueBytes()).isLessThan(64 * 1024));
        for (byte[] large : List.of(fiveMegabytes, sevenHundredKilobytes)) {
            JsonNode letter = letters.stream()
                    .map(DeadLetterTopic.Letter::json)
                    .filter(j -> j.get("raw_value_length").asLong() == large.length)
                    .findFirst()
                    .orElseThrow();
            assertThat(letter.get("problem").asText()).isEqualTo("OVERSIZED");
            assertThat(letter.get("reason").asText())
                    .isEqualTo("record: OVERSIZED (" + large.length + " bytes > 65536)");
            assertThat(letter.get("raw_value").asText())
                    .isEqualTo(new String(large, 0, RawValue.PREFIX_BYTES, StandardCharsets.UTF_8));
            assertThat(letter.get("raw_value_sha256").asText()).isEqualTo(sha256(large));
            assertThat(letter.get("raw_value_truncated").asBoolean()).isTrue();
        }
        assertThat(letters)
                .filteredOn(l -> l.json().get("problem").asText().equals("TOMBSTONE"))
                .singleElement()
                .satisfies(l -> assertThat(l.json().get("raw_value").isNull()).isTrue());

        // In the table: the same, each at most 8 KiB of raw value.
        assertThat(IntervalFigures.count(db, "SELECT count() FROM dead_letters FINAL"))
                .isEqualTo(badInputs);
        assertThat(IntervalFigures.count(db, "SELECT max(length(raw_value)) FROM dead_letters FINAL"))
                .isLessThanOrEqualTo(RawValue.PREFIX_BYTES);
        assertThat(largeRowsOf(db))
                .isEqualTo(Map.of(
                        (long) fiveMegabytes.length, RawValue.PREFIX_BYTES + " " + sha256(fiveMegabytes) + " true",
                        (long) sevenHundredKilobytes.length,
                                RawValue.PREFIX_BYTES + " " + sha256(sevenHundredKilobytes) + " true"));
        assertThat(IntervalFigures.count(db, "SELECT count() FROM dead_letters FINAL WHERE problem = 'TOMBSTONE'"))
                .isEqualTo(1);
        System.out.printf(
                "oversized: %d records plus 5 MB, 700 kB and a tombstone; %d dead letters, the largest %d bytes on the topic%n",
                traffic.size(),
                letters.size(),
                letters.stream()
                        .mapToInt(DeadLetterTopic.Letter::valueBytes)
                        .max()
                        .orElse(0));
    }

    private static Configuration noRestarts() {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    /**
     * The input topic accepts records up to {@link #MAX_MESSAGE_BYTES} (Kafka's default: 1 MB), and is
     * created as every test topic is: the call returns once each partition's leader serves it.
     */
    private static void createTopicForLargeRecords(KafkaEndpoint kafka, String topic) {
        KafkaTopics.create(
                kafka.bootstrapServers(),
                PARTITIONS,
                Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
                topic);
    }

    /** Sends the values without key (a null value is a tombstone). */
    private static void produce(KafkaEndpoint kafka, String topic, byte[]... values) {
        KafkaRecords.send(
                kafka.bootstrapServers(),
                topic,
                Arrays.stream(values)
                        .map(value -> new KafkaRecords.KeyValue(null, value))
                        .toList(),
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES));
    }

    /** A JSON object of exactly {@code size} bytes (a record the parser must not even look into). */
    private static byte[] jsonOfSize(int size) {
        String start = "{\"event_id\":\"large-" + size + "\",\"pad\":\"";
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        System.arraycopy(start.getBytes(StandardCharsets.UTF_8), 0, value, 0, start.length());
        value[size - 2] = '"';
        value[size - 1] = '}';
        return value;
    }

    private static List<DeadLetterTopic.Letter> committedLetters(KafkaEndpoint kafka, String topic) {
        return DeadLetterTopic.read(kafka.bootstrapServers(), topic, IsolationLevel.READ_COMMITTED);
    }

    /** Rows of values larger than 600 kB: raw_value_length to "length(raw_value) sha256 truncated". */
    private static Map<Long, String> largeRowsOf(ClickHouseAccess db) throws Exception {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT raw_value_length, length(raw_value), raw_value_sha256, "
                        + "toString(raw_value_truncated) FROM dead_letters FINAL WHERE raw_value_length > 600000")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getLong(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return rows;
    }

    /** Waits for the condition; fails at once if the job stops running meanwhile. */
    private static void awaitWhileRunning(JobClient job, SupplierWithException<Boolean, Exception> condition)
            throws Exception {
        for (int i = 0; i < POLLS; i++) {
            JobStatus status = job.getJobStatus().get(1, TimeUnit.MINUTES);
            if (status != JobStatus.RUNNING && status != JobStatus.CREATED && status != JobStatus.INITIALIZING) {
                fail("the job is " + status + ": " + failureOf(job));
            }
            if (condition.get()) {
                return;
            }
            Thread.sleep(POLL_MS);
        }
        fail("timed out waiting for the job");
    }

    private static String failureOf(JobClient job) {
        try {
            job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            return "no failure";
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }
}
