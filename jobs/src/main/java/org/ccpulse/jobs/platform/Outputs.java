package org.ccpulse.jobs.platform;

import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.schemas.event.DeadLetter;

/** Where a run's results go: ClickHouse tables, the dead letters of the shared intake, and the output topics. */
public interface Outputs {

    /** A sink into the table {@code table} describes; a batch holds at most {@code maxBatch} rows. */
    <T> Sink<T> table(ClickHouseTable<T> table, int maxBatch);

    /** Every place a dead letter goes (each gets every dead letter). */
    List<Sink<DeadLetter>> deadLetters();

    /**
     * Where the records of an output topic go besides their table: the topic (exactly once) when the run writes to
     * Kafka, nothing otherwise.
     */
    <T> List<Sink<T>> topic(OutputTopic<T> topic);
}
