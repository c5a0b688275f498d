package org.ccpulse.jobs.clickhouse;

import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes rows to one ClickHouse table in batches: a batch goes out when it is full, at least every
 * {@code maxDelay}, and before every checkpoint completes (Flink calls flush then). That is
 * at-least-once; the tables are designed so a replayed row is harmless (versioned
 * ReplacingMergeTree rows, reads that collapse).
 */
public final class ClickHouseSink<T> implements Sink<T> {

    private final ClickHouseAccess access;
    private final RowBinder<T> binder;
    private final int maxBatch;
    private final Duration maxDelay;

    public ClickHouseSink(ClickHouseAccess access, RowBinder<T> binder, int maxBatch, Duration maxDelay) {
        this.access = access;
        this.binder = binder;
        this.maxBatch = maxBatch;
        this.maxDelay = maxDelay;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseWriter<>(
                access, binder, maxBatch, maxDelay, context.getProcessingTimeService(), context.metricGroup());
    }
}
