package org.ccpulse.infra.kafka;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics on any Kafka cluster (embedded, container or given), so every source behaves alike. */
public final class KafkaTopics {

    private static final long TIMEOUT_SECONDS = 30;
    private static final long RETRY_PAUSE_MILLIS = 50;

    private KafkaTopics() {}

    /**
     * Creates the topics with the given number of partitions and the cluster's default replication factor,
     * and returns once every partition's leader serves it.
     * A topic that already exists with that many partitions is fine (so a local runner can be restarted);
     * one with a different count is an error, since tests relying on the count would silently mislead.
     */
    public static void create(String bootstrapServers, int partitions, String... names) {
        create(bootstrapServers, partitions, Map.of(), names);
    }

    /** As {@link #create(String, int, String...)}, with topic settings (e.g. {@code max.message.bytes}). */
    public static void create(
            String bootstrapServers, int partitions, Map<String, String> topicSettings, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(topicSettings))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    requirePartitions(admin, created.getKey(), partitions);
                }
            }
            awaitLeadersServing(admin, names, partitions);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "could not create topics " + Arrays.toString(names) + " at " + bootstrapServers + ": "
                            + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + Arrays.toString(names), e);
        }
    }

    /**
     * A created topic is in the controller's metadata before its leader has set up the partition; a producer
     * arriving in that window gets NOT_LEADER_OR_FOLLOWER and, with several idempotent batches in flight, can
     * end up retrying OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout. Listing every partition's end
     * offset is served only by a leader that has the partition; until it is, the answer is a retriable error
     * (unknown topic, not leader), so ask again.
     */
    private static void awaitLeadersServing(Admin admin, String[] names, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> everyPartition = new HashMap<>();
        for (String name : names) {
            for (int partition = 0; partition < partitions; partition++) {
                everyPartition.put(new TopicPartition(name, partition), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                admin.listOffsets(everyPartition).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    private static void requirePartitions(Admin admin, String topic, int partitions)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription existing = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic);
        if (existing.partitions().size() != partitions) {
            throw new IllegalStateException("topic " + topic + " already exists with "
                    + existing.partitions().size() + " partitions, not " + partitions);
        }
    }
}
