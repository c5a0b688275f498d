package org.ccpulse.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what a job wrote to a dead-letter topic, as a consumer would, and what a job has read. */
public final class DeadLetterTopic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeadLetterTopic() {}

    /** One record of the topic: its value's size on the wire and the value read as JSON. */
    public record Letter(int valueBytes, JsonNode json) {
        /** {@code topic/partition/offset} of the rejected input record. */
        public String coordinates() {
            return json.get("source_topic").asText() + "/"
                    + json.get("partition").asInt() + "/" + json.get("offset").asLong();
        }
    }

    /**
     * Every record of the topic a consumer with this isolation level sees now: {@code READ_COMMITTED}
     * stops before the first transaction still open (the last stable offset); {@code READ_UNCOMMITTED}
     * also returns records of open and aborted transactions.
     */
    public static List<Letter> read(String bootstrapServers, String topic, IsolationLevel isolation) {
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, isolation)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(new Letter(record.serializedValueSize(), JSON.readTree(record.value())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return letters;
    }

    /**
     * Every committed record of the topic once a run that wrote it has finished. A transaction's commit returns
     * before the broker has written its markers into the partitions, so for a moment after the run the last stable
     * offset (where {@code READ_COMMITTED} stops) can still lie before the last transaction's records; this waits
     * (up to a minute) until no transaction on the topic is open, then reads it read_committed.
     */
    public static List<Letter> readCommittedAfterTheRun(String bootstrapServers, String topic) throws Exception {
        Restarts.awaitCondition(
                () -> endOffsets(bootstrapServers, topic, IsolationLevel.READ_COMMITTED)
                        .equals(endOffsets(bootstrapServers, topic, IsolationLevel.READ_UNCOMMITTED)),
                Duration.ofSeconds(60));
        return read(bootstrapServers, topic, IsolationLevel.READ_COMMITTED);
    }

    /** The end offset of each partition a consumer with this isolation level sees: the last stable offset or the high watermark. */
    private static Map<TopicPartition, Long> endOffsets(
            String bootstrapServers, String topic, IsolationLevel isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers, isolation)) {
            return consumer.endOffsets(partitions(consumer, topic), Duration.ofSeconds(30));
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, IsolationLevel isolation) {
        return new KafkaConsumer<>(
                consumerProperties(bootstrapServers, isolation),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private static Map<String, Object> consumerProperties(String bootstrapServers, IsolationLevel isolation) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.name().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /** Whether the group's committed offsets (committed as checkpoints complete) are the topic's end offsets. */
    public static boolean committedToEnd(String bootstrapServers, String topic, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                if (end.getValue().offset() > 0
                        && (at == null || at.offset() < end.getValue().offset())) {
                    return false;
                }
            }
            return true;
        }
    }
}
