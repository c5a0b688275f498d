package org.ccpulse.jobs.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ccpulse.infra.kafka.KafkaTopics;
import org.ccpulse.simulator.SimulatorMain;
import picocli.CommandLine;

/**
 * A contact-events topic filled with {@code days} simulated days of a contact center (the simulator's
 * backfill, default mess included: out-of-order, late, redelivered and bad records), ending yesterday unless
 * told where to start; the same days' tickets and orders in {@link #tickets()} and {@link #orders()}.
 */
public record PrefilledTopic(String topic, long records, double fillSeconds) {

    static final int PARTITIONS = 3;

    static PrefilledTopic fill(String bootstrapServers, String name, int agents, int days) {
        return fill(
                bootstrapServers,
                name,
                agents,
                days,
                LocalDate.now(ZoneOffset.UTC).minusDays(days));
    }

    public static PrefilledTopic fill(String bootstrapServers, String name, int agents, int days, LocalDate first) {
        String tickets = ticketsOf(name);
        String orders = ordersOf(name);
        KafkaTopics.create(bootstrapServers, PARTITIONS, name, tickets, orders);
        long t0 = System.nanoTime();
        int exit = new CommandLine(new SimulatorMain())
                .execute(
                        "--bootstrap-servers",
                        bootstrapServers,
                        "--topic-contact-events",
                        name,
                        "--topic-tickets",
                        tickets,
                        "--topic-orders",
                        orders,
                        "--agents",
                        Integer.toString(agents),
                        "--days",
                        Integer.toString(days),
                        "--start-date",
                        first.toString(),
                        "--seed",
                        "7");
        if (exit != 0) {
            throw new IllegalStateException("simulator exited with " + exit);
        }
        return new PrefilledTopic(name, endOffsetSum(bootstrapServers, name), (System.nanoTime() - t0) / 1e9);
    }

    public String tickets() {
        return ticketsOf(topic);
    }

    public String orders() {
        return ordersOf(topic);
    }

    private static String ticketsOf(String contactEventsTopic) {
        return contactEventsTopic + "-tickets";
    }

    private static String ordersOf(String contactEventsTopic) {
        return contactEventsTopic + "-orders";
    }

    /** Records in the topic: the sum of its partitions' end offsets (the topic was empty before). */
    public static long endOffsetSum(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }
}
