package org.ccpulse.jobs.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.clickhouse.ClickHouseSink;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.event.DeadLetterJson;

/** Where rejected records go: the {@code dead-letters} topic (EVENTS.md) and ClickHouse's {@code dead_letters}. */
public final class DeadLetterSinks {

    public static final String TOPIC = "dead-letters";

    private DeadLetterSinks() {}

    public static KafkaSink<DeadLetter> kafka(String bootstrapServers, String topic) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(KafkaRecordSerializationSchema.<DeadLetter>builder()
                        .setTopic(topic)
                        .setKeySerializationSchema(BY_SOURCE_TOPIC)
                        .setValueSerializationSchema(AS_JSON)
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
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

    /** schemas/clickhouse/0001_platform_dead_letters.sql; the raw value is stored as text (invalid UTF-8 replaced). */
    public static final ClickHouseTable<DeadLetter> TABLE = ClickHouseTable.<DeadLetter>named("dead_letters")
            .text("source_topic", DeadLetter::sourceTopic)
            .integer("partition", DeadLetter::partition)
            .integer("offset", DeadLetter::offset)
            .text("problem", d -> d.problem().name())
            .text("field", d -> d.field() == null ? "" : d.field())
            .text("reason", DeadLetter::reason)
            .text("raw_value", d -> d.rawValue() == null ? "" : new String(d.rawValue(), StandardCharsets.UTF_8))
            .utc("rejected_at", d -> d.rejectedAt().toEpochMilli());
}
