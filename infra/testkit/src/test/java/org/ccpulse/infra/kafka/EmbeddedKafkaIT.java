package org.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

    private static final int RECORDS = 10_000;
    private static final int KEYS = 100;
    private static final int AUTO_CREATED_PARTITIONS = 2;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDefaultPartitions(AUTO_CREATED_PARTITIONS));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void keyedRecordsComeBackCompleteOnTheirKeysPartitionInProducedOrder() throws Exception {
        String topic = "keyed-roundtrip";
        kafka.createTopics(3, topic);

        try (KafkaProducer<String, Long> producer = producer()) {
            producer.partitionsFor(topic); // connect and fetch metadata before the clock starts
            long produceStart = System.nanoTime();
            AtomicReference<Exception> firstFailure = new AtomicReference<>();
            for (long sequence = 0; sequence < RECORDS; sequence++) {
                producer.send(
                        new ProducerRecord<>(topic, "customer-" + (sequence % KEYS), sequence), (metadata, failure) -> {
                            if (failure != null) {
                                firstFailure.compareAndSet(null, failure);
                            }
                        });
            }
            producer.flush();
            assertThat(firstFailure.get()).as("a failed send").isNull();
            printThroughput("produce", RECORDS, System.nanoTime() - produceStart);
        }

        Consumed consumed = consumeAll(topic, 3, RECORDS);
        printThroughput("consume", consumed.records().size(), consumed.nanosToReadExpected());
        List<ConsumerRecord<String, Long>> records = consumed.records();

        assertThat(records).hasSize(RECORDS);
        assertThat(records).extracting(ConsumerRecord::value).doesNotHaveDuplicates();

        Map<String, Set<Integer>> partitionsByKey = records.stream()
                .collect(Collectors.groupingBy(
                        ConsumerRecord::key, Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
        assertThat(partitionsByKey).hasSize(KEYS);
        assertThat(partitionsByKey.values())
                .allSatisfy(partitions -> assertThat(partitions).hasSize(1));
        // 100 keys over 3 partitions: the partitioner really spreads them (all on one would hide ordering bugs).
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);

        // One producer sent the sequence numbers in order, so each partition holds them ascending.
        Map<Integer, List<Long>> sequencesByPartition = records.stream()
                .collect(Collectors.groupingBy(
                        ConsumerRecord::partition, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        assertThat(sequencesByPartition.values())
                .allSatisfy(sequences -> assertThat(sequences).isSorted());
    }

    @Test
    void firstProduceToAnUnknownTopicCreatesItWithTheDefaultPartitions() throws Exception {
        String topic = "created-on-first-produce";
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic);

            try (KafkaProducer<String, Long> producer = producer()) {
                producer.send(new ProducerRecord<>(topic, "k", 42L)).get(30, TimeUnit.SECONDS);
            }

            TopicDescription created = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic);
            assertThat(created.partitions()).hasSize(AUTO_CREATED_PARTITIONS);
        }
        assertThat(consumeAll(topic, AUTO_CREATED_PARTITIONS, 1).records())
                .extracting(ConsumerRecord::value)
                .containsExactly(42L);
    }

    @Test
    void creatingAnExistingTopicAgainIsAcceptedOnlyWithTheSamePartitionCount() {
        kafka.createTopics(2, "created-twice");
        kafka.createTopics(2, "created-twice");

        assertThatThrownBy(() -> kafka.createTopics(5, "created-twice"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already exists with 2 partitions, not 5");
    }

    private static KafkaProducer<String, Long> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new LongSerializer());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private record Consumed(List<ConsumerRecord<String, Long>> records, long nanosToReadExpected) {}

    /** Reads every partition from the start until {@code expected} records arrived (or 60 s passed), then polls once more. */
    private static Consumed consumeAll(String topic, int partitions, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        List<ConsumerRecord<String, Long>> records = new ArrayList<>();
        try (KafkaConsumer<String, Long> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new LongDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            long nanosToReadExpected = System.nanoTime() - start;
            // One more poll: a surplus record would show up here and fail the count assertions.
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return new Consumed(records, nanosToReadExpected);
        }
    }

    private static void printThroughput(String what, int records, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(
                "THROUGHPUT embedded Kafka %s: %,d records in %.3f s = %,.0f records/s%n",
                what, records, seconds, records / seconds);
    }
}
