package org.ccpulse.jobs.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.clickhouse.ClickHouseSink;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.schemas.event.DeadLetter;

/**
 * The production outputs: figures into ClickHouse; dead letters into ClickHouse's
 * {@code dead_letters} and, when a Kafka address is given, onto the dead-letter topic, exactly once
 * (Kafka transactions named by {@code deadLetterTransactionalIdPrefix}, see {@link DeadLetterSinks#kafka});
 * the output topics ({@link OutputTopic}), when a Kafka address is given, the same way.
 *
 * @param deadLetterTransactionalIdPrefix names the dead-letter transactions of this Flink job: one per
 *     deployed job and stable across its restarts, e.g. its consumer group
 * @param transactionalIdPrefix names each output topic's transactions of this Flink job, likewise:
 *     {@code <transactionalIdPrefix>-<the topic's EVENTS.md name>}
 * @param renamedTopics the Kafka topic written instead of an output topic, by its EVENTS.md name; topics not in it
 *     are written under their own name
 */
public record ClickHouseOutputs(
        ClickHouseAccess clickHouse,
        String kafkaBootstrapServers,
        String deadLetterTopic,
        String deadLetterTransactionalIdPrefix,
        String transactionalIdPrefix,
        Map<String, String> renamedTopics)
        implements Outputs {

    public ClickHouseOutputs {
        renamedTopics = Map.copyOf(renamedTopics);
    }

    /**
     * Output topics under their own names, in transactions named {@code <deadLetterTransactionalIdPrefix>-<topic>}.
     */
    public ClickHouseOutputs(
            ClickHouseAccess clickHouse,
            String kafkaBootstrapServers,
            String deadLetterTopic,
            String deadLetterTransactionalIdPrefix) {
        this(
                clickHouse,
                kafkaBootstrapServers,
                deadLetterTopic,
                deadLetterTransactionalIdPrefix,
                deadLetterTransactionalIdPrefix,
                Map.of());
    }

    /**
     * Dead letters in transactions named after the topic ({@code ccpulse-<topic>}), output topics in
     * {@code ccpulse-<topic>}: for a deployment that runs one Flink job writing to those topics (the local run);
     * others name theirs.
     */
    public ClickHouseOutputs(ClickHouseAccess clickHouse, String kafkaBootstrapServers, String deadLetterTopic) {
        this(
                clickHouse,
                kafkaBootstrapServers,
                deadLetterTopic,
                "ccpulse-" + (deadLetterTopic != null ? deadLetterTopic : DeadLetterSinks.TOPIC),
                "ccpulse",
                Map.of());
    }

    /** Into ClickHouse only (no dead-letter topic): tests and backfills that need no Kafka output. */
    public static ClickHouseOutputs clickHouseOnly(ClickHouseAccess clickHouse) {
        return new ClickHouseOutputs(clickHouse, null, null, null, null, Map.of());
    }

    /** The same outputs, writing {@code topic} to the Kafka topic {@code kafkaTopic}. */
    public ClickHouseOutputs renaming(OutputTopic<?> topic, String kafkaTopic) {
        Map<String, String> renamed = new HashMap<>(renamedTopics);
        renamed.put(topic.name(), kafkaTopic);
        return new ClickHouseOutputs(
                clickHouse,
                kafkaBootstrapServers,
                deadLetterTopic,
                deadLetterTransactionalIdPrefix,
                transactionalIdPrefix,
                renamed);
    }

    /** The Kafka topic {@code topic} is written to. */
    public String kafkaTopic(OutputTopic<?> topic) {
        return renamedTopics.getOrDefault(topic.name(), topic.name());
    }

    /** What names {@code topic}'s transactions. */
    public String transactionalIdPrefix(OutputTopic<?> topic) {
        return (transactionalIdPrefix != null ? transactionalIdPrefix : "ccpulse") + "-" + topic.name();
    }

    @Override
    public <T> Sink<T> table(ClickHouseTable<T> table, int maxBatch, Duration maxDelay) {
        return new ClickHouseSink<>(clickHouse, table, maxBatch, maxDelay);
    }

    @Override
    public List<Sink<DeadLetter>> deadLetters() {
        List<Sink<DeadLetter>> sinks = new ArrayList<>();
        sinks.add(DeadLetterSinks.clickHouse(clickHouse, MAX_DELAY));
        if (kafkaBootstrapServers != null) {
            sinks.add(DeadLetterSinks.kafka(
                    kafkaBootstrapServers,
                    deadLetterTopic != null ? deadLetterTopic : DeadLetterSinks.TOPIC,
                    deadLetterTransactionalIdPrefix));
        }
        return sinks;
    }

    @Override
    public <T> List<Sink<T>> topic(OutputTopic<T> topic) {
        if (kafkaBootstrapServers == null) {
            return List.of();
        }
        return List.of(topic.kafka(kafkaBootstrapServers, kafkaTopic(topic), transactionalIdPrefix(topic)));
    }
}
