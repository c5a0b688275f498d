package org.ccpulse.jobs.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.clickhouse.ClickHouseSink;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.schemas.event.ComplaintSpikeEvent;
import org.ccpulse.schemas.event.DeadLetter;

/**
 * The production outputs: figures into ClickHouse; dead letters into ClickHouse's
 * {@code dead_letters} and, when a Kafka address is given, onto the dead-letter topic, exactly once
 * (Kafka transactions named by {@code deadLetterTransactionalIdPrefix}, see {@link DeadLetterSinks#kafka});
 * complaint spikes, when a Kafka address is given, onto the complaint-spike topic the same way.
 *
 * @param deadLetterTransactionalIdPrefix names the dead-letter transactions of this Flink job: one per
 *     deployed job and stable across its restarts, e.g. its consumer group
 * @param complaintSpikeTopic the complaint-spike topic ({@link ComplaintSpikeTopic#TOPIC} when null)
 * @param complaintSpikeTransactionalIdPrefix names the complaint-spike transactions of this Flink job, likewise
 */
public record ClickHouseOutputs(
        ClickHouseAccess clickHouse,
        String kafkaBootstrapServers,
        String deadLetterTopic,
        String deadLetterTransactionalIdPrefix,
        String complaintSpikeTopic,
        String complaintSpikeTransactionalIdPrefix)
        implements Outputs {

    /** How long a row may wait in a sink's batch: part of the wallboard's freshness. */
    static final Duration MAX_DELAY = Duration.ofSeconds(1);

    /**
     * Complaint spikes onto {@link ComplaintSpikeTopic#TOPIC}, in transactions named
     * {@code <deadLetterTransactionalIdPrefix>-complaint-spikes}.
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
                ComplaintSpikeTopic.TOPIC,
                deadLetterTransactionalIdPrefix + "-" + ComplaintSpikeTopic.TOPIC);
    }

    /**
     * Dead letters in transactions named after the topic ({@code ccpulse-<topic>}): for a deployment
     * that runs one Flink job writing to that topic (the local run); others name theirs.
     */
    public ClickHouseOutputs(ClickHouseAccess clickHouse, String kafkaBootstrapServers, String deadLetterTopic) {
        this(
                clickHouse,
                kafkaBootstrapServers,
                deadLetterTopic,
                "ccpulse-" + (deadLetterTopic != null ? deadLetterTopic : DeadLetterSinks.TOPIC),
                ComplaintSpikeTopic.TOPIC,
                "ccpulse-" + ComplaintSpikeTopic.TOPIC);
    }

    /** Into ClickHouse only (no dead-letter topic): tests and backfills that need no Kafka output. */
    public static ClickHouseOutputs clickHouseOnly(ClickHouseAccess clickHouse) {
        return new ClickHouseOutputs(clickHouse, null, null, null, null, null);
    }

    @Override
    public <T> Sink<T> table(ClickHouseTable<T> table, int maxBatch) {
        return new ClickHouseSink<>(clickHouse, table, maxBatch, MAX_DELAY);
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
    public List<Sink<ComplaintSpikeEvent>> complaintSpikes() {
        if (kafkaBootstrapServers == null) {
            return List.of();
        }
        return List.of(ComplaintSpikeTopic.kafka(
                kafkaBootstrapServers,
                complaintSpikeTopic != null ? complaintSpikeTopic : ComplaintSpikeTopic.TOPIC,
                complaintSpikeTransactionalIdPrefix != null
                        ? complaintSpikeTransactionalIdPrefix
                        : "ccpulse-" + ComplaintSpikeTopic.TOPIC));
    }
}
