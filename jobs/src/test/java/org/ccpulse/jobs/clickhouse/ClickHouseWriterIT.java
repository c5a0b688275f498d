package org.ccpulse.jobs.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sink's promise against a real ClickHouse: rows go out when a batch fills, after the bounded delay, and on flush (checkpoint). */
@ExtendWith(ComponentsExtension.class)
class ClickHouseWriterIT {

    private static final ClickHouseTable<Integer> IDS =
            ClickHouseTable.<Integer>named("sink_test").integer("id", id -> id);

    private ClickHouseAccess db;
    private final TestProcessingTimeService time = new TestProcessingTimeService();

    @BeforeEach
    void table(ClickHouseEndpoint clickHouse) throws Exception {
        db = ClickHouseDatabase.fresh(clickHouse);
        try (Connection c = db.open()) {
            c.createStatement().execute("CREATE TABLE sink_test (id UInt32) ENGINE = MergeTree ORDER BY id");
        }
    }

    private ClickHouseWriter<Integer> writer(int maxBatch) {
        return new ClickHouseWriter<>(
                db,
                IDS,
                maxBatch,
                Duration.ofSeconds(1),
                time,
                InternalSinkWriterMetricGroup.wrap(UnregisteredMetricsGroup.createOperatorMetricGroup()));
    }

    @Test
    void rowsWaitForTheDelayThenGoOutTogether() throws Exception {
        try (ClickHouseWriter<Integer> writer = writer(100)) {
            writer.write(1, null);
            writer.write(2, null);
            time.advance(999);
            assertThat(rows()).isZero();
            time.advance(1);
            assertThat(rows()).isEqualTo(2);
        }
    }

    @Test
    void aFullBatchGoesOutAtOnceAndFlushSendsTheRest() throws Exception {
        try (ClickHouseWriter<Integer> writer = writer(3)) {
            for (int i = 0; i < 4; i++) {
                writer.write(i, null);
            }
            assertThat(rows()).isEqualTo(3);
            writer.flush(false); // what Flink calls before a checkpoint completes
            assertThat(rows()).isEqualTo(4);
            writer.flush(false);
            assertThat(rows()).as("nothing twice").isEqualTo(4);
        }
    }

    private long rows() throws SQLException {
        try (Connection c = db.open();
                ResultSet rs = c.createStatement().executeQuery("SELECT count() FROM sink_test")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
