package org.ccpulse.jobs.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.clickhouse.ClickHouseSink;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.event.DeadLetterJson;

/**
 * Where rejected records go: the {@code dead-letters} topic (EVENTS.md) and ClickHouse's {@code dead_letters}.
 *
 * <p>The topic gets each rejected record exactly once: the Kafka sink writes in transactions that commit
 * when a checkpoint completes (Flink's two-phase commit), so what a job writes after its last checkpoint
 * and then replays after a restart is aborted the first time. Consumers read with
 * {@code isolation.level=read_committed}, and see a dead letter once the checkpoint after it completes.
 * The table needs no transactions: a replayed row has the same key, (source_topic, partition, offset).
 */
public final class DeadLetterSinks {

    public static final String TOPIC = "dead-letters";

    /**
     * How long a transaction may stay open: at least the checkpoint interval plus the time a job may be
     * down before it is restored, or the broker aborts a checkpointed transaction and its dead letters are
     * lost. Kafka brokers refuse more than their {@code transaction.max.timeout.ms} (15 min by default);
     * Flink's default of 1 h would need that raised.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private DeadLetterSinks() {}

    /**
     * Exactly once onto {@code topic}. {@code transactionalIdPrefix} names this job's transactions: unique
     * among the Flink jobs writing to the cluster (two jobs sharing it would fence each other) and the same
     * across restarts of one job (so a restored job finds and aborts what it left open).
     */
    public static KafkaSink<DeadLetter> kafka(String bootstrapServers, String topic, String transactionalIdPrefix) {
        return exactlyOnce(bootstrapServers, topic, transactionalIdPrefix, BY_SOURCE_TOPIC, AS_JSON);
    }

    /**
     * The same mechanism for any output topic (e.g. {@code complaint-spikes}): records in Kafka transactions that
     * commit with the checkpoints, named by {@code transactionalIdPrefix} (its own per topic and deployed job), with
     * {@link #TRANSACTION_TIMEOUT}. {@code key} and {@code value} must be classes, not lambdas (see below).
     */
    public static <T> KafkaSink<T> exactlyOnce(
            String bootstrapServers,
            String topic,
            String transactionalIdPrefix,
            SerializationSchema<T> key,
            SerializationSchema<T> value) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(KafkaRecordSerializationSchema.<T>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(key)
                        .setValueSerializationSchema(value)
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(TRANSACTION_TIMEOUT.toMillis()))
                .build();
    }

    // Classes, not lambdas: the Kafka sink reads their type parameter (for lineage) when the job is built,
    // and a lambda has none, which fails the build with InvalidTypesException.
    private static final SerializationSchema<DeadLetter> BY_SOURCE_TOPIC = new SerializationSchema<>() {
        @Override
        public byte[] serialize(DeadLetter d) {
            return d.sourceTopic().getBytes(StandardCharsets.UTF_8);
        }
    };

    private static final SerializationSchema<DeadLetter> AS_JSON = new SerializationSchema<>() {
        @Override
        public byte[] serialize(DeadLetter d) {
            return DeadLetterJson.toJson(d);
        }
    };

    public static ClickHouseSink<DeadLetter> clickHouse(ClickHouseAccess access, Duration maxDelay) {
        return new ClickHouseSink<>(access, TABLE, 1_000, maxDelay);
    }

    /**
     * schemas/clickhouse/0001_platform_dead_letters.sql and 0022_platform_dead_letters_raw_value.sql; the raw
     * value (at most its first 8 KiB) is stored as text (invalid UTF-8 replaced); a tombstone has length 0
     * and no hash ('').
     */
    public static final ClickHouseTable<DeadLetter> TABLE = ClickHouseTable.<DeadLetter>named("dead_letters")
            .text("source_topic", DeadLetter::sourceTopic)
            .integer("partition", DeadLetter::partition)
            .integer("offset", DeadLetter::offset)
            .text("problem", d -> d.problem().name())
            .text("field", d -> d.field() == null ? "" : d.field())
            .text("reason", DeadLetter::reason)
            .text("raw_value", d -> d.rawValue() == null ? "" : new String(d.rawValue(), StandardCharsets.UTF_8))
            .integer("raw_value_length", DeadLetter::rawValueLength)
            .text("raw_value_sha256", d -> d.rawValueSha256() == null ? "" : d.rawValueSha256())
            .column("raw_value_truncated", (st, i, d) -> st.setBoolean(i, d.rawValueTruncated()))
            .utc("rejected_at", d -> d.rejectedAt().toEpochMilli());
}
