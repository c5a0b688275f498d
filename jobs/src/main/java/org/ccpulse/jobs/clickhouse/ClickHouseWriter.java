package org.ccpulse.jobs.clickhouse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The per-subtask writer of {@link ClickHouseSink}. Runs on the task's mailbox thread only. */
final class ClickHouseWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseWriter.class);
    private static final int ATTEMPTS = 5;

    private final ClickHouseAccess access;
    private final RowBinder<T> binder;
    private final int maxBatch;
    private final Duration maxDelay;
    private final ProcessingTimeService time;
    private final Counter rowsWritten;
    private final List<T> batch = new ArrayList<>();
    private Connection connection;
    private boolean flushScheduled;

    ClickHouseWriter(
            ClickHouseAccess access,
            RowBinder<T> binder,
            int maxBatch,
            Duration maxDelay,
            ProcessingTimeService time,
            SinkWriterMetricGroup metrics) {
        this.access = access;
        this.binder = binder;
        this.maxBatch = maxBatch;
        this.maxDelay = maxDelay;
        this.time = time;
        this.rowsWritten = metrics.getNumRecordsSendCounter();
    }

    @Override
    public void write(T row, Context context) throws IOException {
        batch.add(row);
        if (batch.size() >= maxBatch) {
            writeBatch();
        } else if (!flushScheduled) {
            flushScheduled = true;
            time.registerTimer(time.getCurrentProcessingTime() + maxDelay.toMillis(), now -> {
                flushScheduled = false;
                writeBatch();
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        writeBatch();
    }

    private void writeBatch() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                insert();
                rowsWritten.inc(batch.size());
                batch.clear();
                return;
            } catch (SQLException e) {
                last = e;
                LOG.warn(
                        "ClickHouse insert of {} rows failed (attempt {}/{}): {}",
                        batch.size(),
                        attempt,
                        ATTEMPTS,
                        e.getMessage());
                closeConnection();
                sleep(Duration.ofMillis(200L << attempt));
            }
        }
        // Failing the task restarts it from the last checkpoint; the rows are rewritten then.
        throw new IOException("ClickHouse insert failed " + ATTEMPTS + " times: " + binder.insertSql(), last);
    }

    private void insert() throws SQLException {
        if (connection == null) {
            connection = access.open();
        }
        try (PreparedStatement st = connection.prepareStatement(binder.insertSql())) {
            for (T row : batch) {
                binder.bind(row, st);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while retrying a ClickHouse insert", e);
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a failed ClickHouse connection", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
