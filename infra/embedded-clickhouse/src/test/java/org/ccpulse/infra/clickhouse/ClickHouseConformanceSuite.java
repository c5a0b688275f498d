package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the project needs from a ClickHouse server, checked through clickhouse-jdbc with the driver's
 * default settings and nothing but a JDBC URL and credentials, so that the same suite can run against
 * any ClickHouse (embedded chDB here; a Testcontainers ClickHouse elsewhere).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClickHouseConformanceSuite {

    private static final String DB = "conformance";

    /** JDBC URL of the server under test. */
    protected abstract String jdbcUrl();

    protected abstract String user();

    protected abstract String password();

    /** Stops the server and starts it again on the same storage; {@link #jdbcUrl()} may change. */
    protected abstract void restartServer() throws Exception;

    protected Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    @BeforeEach
    void freshDatabase() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB + " SYNC");
            s.execute("CREATE DATABASE " + DB);
        }
    }

    @Test
    void columnTypesRoundTrip() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE " + DB + ".types (id UInt32, ts DateTime64(3, 'UTC'), agent LowCardinality(String), "
                            + "wait Nullable(Int32), amount Decimal(18, 4), state Enum8('open' = 1, 'closed' = 2), "
                            + "tags Array(String), counts Map(String, UInt32)) ENGINE = MergeTree ORDER BY id");
            Instant ts = Instant.parse("2026-11-24T09:15:02.123Z");
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO " + DB + ".types VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setInt(1, 1);
                insert.setTimestamp(2, Timestamp.from(ts));
                insert.setString(3, "agent-7");
                insert.setNull(4, java.sql.Types.INTEGER);
                insert.setBigDecimal(5, new BigDecimal("1234.5678"));
                insert.setString(6, "closed");
                insert.setArray(7, c.createArrayOf("String", new Object[] {"vip", "it's"}));
                insert.setObject(8, Map.of("calls", 3));
                insert.addBatch();
                insert.setInt(1, 2);
                insert.setTimestamp(2, Timestamp.from(ts.plusMillis(1)));
                insert.setString(3, "agent-8");
                insert.setInt(4, 42);
                insert.setBigDecimal(5, new BigDecimal("-0.0001"));
                insert.setString(6, "open");
                insert.setArray(7, c.createArrayOf("String", new Object[0]));
                insert.setObject(8, Map.of());
                insert.addBatch();
                insert.executeBatch();
            }
            try (ResultSet rs = s.executeQuery("SELECT id, toString(ts), agent, wait, amount, state, tags, counts, "
                    + "toTypeName(agent) FROM " + DB + ".types ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("2026-11-24 09:15:02.123");
                assertThat(rs.getString(3)).isEqualTo("agent-7");
                assertThat(rs.getObject(4)).isNull();
                assertThat(rs.getBigDecimal(5)).isEqualByComparingTo("1234.5678");
                assertThat(rs.getString(6)).isEqualTo("closed");
                assertThat((Object[]) rs.getArray(7).getArray()).containsExactly("vip", "it's");
                Map<?, ?> counts = (Map<?, ?>) rs.getObject(8);
                assertThat(counts.keySet().toString()).isEqualTo("[calls]");
                assertThat(((Number) counts.get("calls")).intValue()).isEqualTo(3);
                assertThat(rs.getString(9)).isEqualTo("LowCardinality(String)");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("2026-11-24 09:15:02.124");
                assertThat(rs.getInt(4)).isEqualTo(42);
                assertThat(rs.getBigDecimal(5)).isEqualByComparingTo("-0.0001");
                assertThat(rs.getString(6)).isEqualTo("open");
                Array empty = rs.getArray(7);
                assertThat((Object[]) empty.getArray()).isEmpty();
                assertThat((Map<?, ?>) rs.getObject(8)).isEmpty();
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT ts FROM " + DB + ".types WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(ts);
            }
        }
    }

    @Test
    void batchInsertOf100kRows() throws SQLException {
        int rows = 100_000;
        double rate = insertBatch(rows);
        System.out.printf("batch insert %,d rows via %s: %,.0f rows/s%n", rows, jdbcUrl(), rate);
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(), sum(duration_ms), uniqExact(contact_id) FROM " + DB + ".contacts")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(rows);
            assertThat(rs.getLong(2)).isEqualTo(expectedDurationSum(rows));
            assertThat(rs.getLong(3)).isEqualTo(rows);
        }
    }

    /** Creates {@code conformance.contacts}, inserts {@code rows} rows in one JDBC batch, returns rows per second. */
    protected double insertBatch(int rows) throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + DB + ".contacts (contact_id String, ts DateTime64(3, 'UTC'), "
                    + "channel LowCardinality(String), duration_ms UInt32) ENGINE = MergeTree ORDER BY (channel, ts)");
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + DB + ".contacts VALUES (?, ?, ?, ?)")) {
                Instant base = Instant.parse("2026-11-24T00:00:00Z");
                for (int i = 0; i < rows; i++) {
                    insert.setString(1, "c-" + i);
                    insert.setTimestamp(2, Timestamp.from(base.plusMillis(i)));
                    insert.setString(3, i % 3 == 0 ? "voice" : "chat");
                    insert.setInt(4, i % 1000);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long expectedDurationSum(int rows) {
        long sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += i % 1000;
        }
        return sum;
    }

    @Test
    void replacingMergeTreeKeepsTheLatestVersion() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + DB + ".tickets (ticket_id String, status String, version UInt64) "
                    + "ENGINE = ReplacingMergeTree(version) ORDER BY ticket_id");
            // separate inserts make separate parts, so deduplication happens at read time (FINAL) only
            // the update count is the server's written_rows
            assertThat(s.executeUpdate("INSERT INTO " + DB + ".tickets VALUES ('t1', 'open', 1), ('t2', 'open', 1)"))
                    .isEqualTo(2);
            s.execute("INSERT INTO " + DB + ".tickets VALUES ('t1', 'solved', 3)");
            s.execute("INSERT INTO " + DB + ".tickets VALUES ('t1', 'pending', 2)");
            assertThat(rows(s, "SELECT ticket_id, status FROM " + DB + ".tickets FINAL ORDER BY ticket_id"))
                    .containsExactly("t1 solved", "t2 open");
            assertThat(rows(
                            s,
                            "SELECT ticket_id, argMax(status, version) FROM " + DB + ".tickets "
                                    + "GROUP BY ticket_id ORDER BY ticket_id"))
                    .containsExactly("t1 solved", "t2 open");
            assertThat(rows(s, "SELECT count() FROM " + DB + ".tickets")).containsExactly("4");
        }
    }

    @Test
    void materializedViewIntoAggregatingMergeTree() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + DB + ".events (queue String, contact_id String, wait_ms UInt32) "
                    + "ENGINE = MergeTree ORDER BY queue");
            s.execute("CREATE TABLE " + DB + ".queue_stats (queue String, contacts AggregateFunction(uniq, String), "
                    + "total_wait AggregateFunction(sum, UInt32), p_wait AggregateFunction(quantile(0.5), UInt32)) "
                    + "ENGINE = AggregatingMergeTree ORDER BY queue");
            s.execute("CREATE MATERIALIZED VIEW " + DB + ".queue_stats_mv TO " + DB + ".queue_stats AS "
                    + "SELECT queue, uniqState(contact_id) AS contacts, sumState(wait_ms) AS total_wait, "
                    + "quantileState(0.5)(wait_ms) AS p_wait FROM " + DB + ".events GROUP BY queue");
            s.execute("INSERT INTO " + DB
                    + ".events VALUES ('billing', 'c1', 10), ('billing', 'c2', 30), ('sales', 'c3', 5)");
            s.execute("INSERT INTO " + DB + ".events VALUES ('billing', 'c1', 20)");
            assertThat(rows(
                            s,
                            "SELECT queue, uniqMerge(contacts), sumMerge(total_wait), toUInt32(quantileMerge(0.5)(p_wait)) "
                                    + "FROM " + DB + ".queue_stats GROUP BY queue ORDER BY queue"))
                    .containsExactly("billing 2 60 20", "sales 1 5 5");
        }
    }

    @Test
    void errorsCarryTheClickHouseCode() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM " + DB + ".no_such_table"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(
                            e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(60))
                    .hasMessageContaining("UNKNOWN_TABLE");
            assertThatThrownBy(() -> s.executeQuery("SELEC 1"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(
                            e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(62));
            // the connection is still usable after an error
            assertThat(rows(s, "SELECT 1 + 1")).containsExactly("2");
        }
    }

    @Test
    void eightConcurrentClients() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + DB
                    + ".concurrent (client UInt8, n UInt32) ENGINE = MergeTree ORDER BY (client, n)");
        }
        int clients = 8;
        int rowsPerBatch = 1_000;
        int batches = 5;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                int id = client;
                Callable<Long> work = () -> {
                    try (Connection c = connect();
                            PreparedStatement insert =
                                    c.prepareStatement("INSERT INTO " + DB + ".concurrent VALUES (?, ?)");
                            PreparedStatement count =
                                    c.prepareStatement("SELECT count() FROM " + DB + ".concurrent WHERE client = ?")) {
                        for (int b = 0; b < batches; b++) {
                            for (int n = 0; n < rowsPerBatch; n++) {
                                insert.setInt(1, id);
                                insert.setInt(2, b * rowsPerBatch + n);
                                insert.addBatch();
                            }
                            insert.executeBatch();
                        }
                        count.setInt(1, id);
                        try (ResultSet rs = count.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                };
                results.add(pool.submit(work));
            }
            for (Future<Long> result : results) {
                assertThat(result.get()).isEqualTo((long) rowsPerBatch * batches);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT count(), uniqExact(client, n) FROM " + DB + ".concurrent"))
                    .containsExactly((clients * rowsPerBatch * batches) + " " + (clients * rowsPerBatch * batches));
        }
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + DB + ".durable (k String, v UInt32) ENGINE = MergeTree ORDER BY k");
            s.execute("INSERT INTO " + DB + ".durable VALUES ('a', 1), ('b', 2)");
        }
        restartServer();
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT k, v FROM " + DB + ".durable ORDER BY k"))
                    .containsExactly("a 1", "b 2");
        }
    }

    /** Each row's columns as strings joined by a space. */
    protected static List<String> rows(Statement s, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
