package org.ccpulse.jobs.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.clickhouse.ClickHouseSink;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.schemas.event.DeadLetter;

/**
 * The production outputs: figures into ClickHouse; dead letters into ClickHouse's
 * {@code dead_letters} and, when a Kafka address is given, onto the dead-letter topic.
 */
public record ClickHouseOutputs(ClickHouseAccess clickHouse, String kafkaBootstrapServers, String deadLetterTopic)
        implements Outputs {

    /** How long a row may wait in a sink's batch: part of the wallboard's freshness. */
    static final Duration MAX_DELAY = Duration.ofSeconds(1);

    /** Into ClickHouse only (no dead-letter topic): tests and backfills that need no Kafka output. */
    public static ClickHouseOutputs clickHouseOnly(ClickHouseAccess clickHouse) {
        return new ClickHouseOutputs(clickHouse, null, null);
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
                    kafkaBootstrapServers, deadLetterTopic != null ? deadLetterTopic : DeadLetterSinks.TOPIC));
        }
        return sinks;
    }
}
