package org.ccpulse.jobs.platform;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.schemas.event.DeadLetter;

/** Where a run's results go: ClickHouse tables, the dead letters of the shared intake, and the output topics. */
public interface Outputs {

    /**
     * How long a row may wait in a sink's batch before it is written, for tables no wallboard reads: a few inserts
     * per second per table at most, which ClickHouse's merges take in their stride.
     */
    Duration MAX_DELAY = Duration.ofSeconds(1);

    /** A sink into the table {@code table} describes; a batch holds at most {@code maxBatch} rows, for {@link #MAX_DELAY} at most. */
    default <T> Sink<T> table(ClickHouseTable<T> table, int maxBatch) {
        return table(table, maxBatch, MAX_DELAY);
    }

    /**
     * A sink into the table {@code table} describes; a batch holds at most {@code maxBatch} rows and waits at most
     * {@code maxDelay} (the wallboard's tables wait less than others: part of their freshness).
     */
    <T> Sink<T> table(ClickHouseTable<T> table, int maxBatch, Duration maxDelay);

    /** Every place a dead letter goes (each gets every dead letter). */
    List<Sink<DeadLetter>> deadLetters();

    /**
     * Where the records of an output topic go besides their table: the topic (exactly once) when the run writes to
     * Kafka, nothing otherwise.
     */
    <T> List<Sink<T>> topic(OutputTopic<T> topic);
}
