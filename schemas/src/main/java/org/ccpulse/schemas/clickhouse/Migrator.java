package org.ccpulse.schemas.clickhouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies pending migrations in version order and records each one in {@code schema_migrations},
 * so running it again applies nothing. A migration whose text changed after it was applied is an
 * error: applied migrations are history, a change needs a new migration.
 * One migrator at a time per database (the local runner and deploy step run it before the jobs).
 */
public final class Migrator {

    static final String HISTORY_TABLE = "schema_migrations";

    private static final String CREATE_HISTORY = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    UInt32,
                name       String,
                checksum   String,
                applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
            ) ENGINE = ReplacingMergeTree
            ORDER BY version""";

    private final Connection connection;

    public Migrator(Connection connection) {
        this.connection = connection;
    }

    /** What a run did: the migrations it applied and those it found applied already. */
    public record Result(List<Migration> applied, List<Migration> alreadyApplied) {}

    public Result migrate(List<Migration> migrations) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(CREATE_HISTORY);
        }
        Map<Integer, String> history = appliedChecksums();
        List<Migration> applied = new ArrayList<>();
        List<Migration> already = new ArrayList<>();
        for (Migration m : migrations) {
            String checksum = history.get(m.version());
            if (checksum == null) {
                apply(m);
                applied.add(m);
            } else if (checksum.equals(m.checksum())) {
                already.add(m);
            } else {
                throw new IllegalStateException(
                        "migration " + m.fileName() + " was changed after it was applied; add a new migration instead");
            }
        }
        return new Result(List.copyOf(applied), List.copyOf(already));
    }

    /** Version to checksum of every migration recorded as applied. */
    public Map<Integer, String> appliedChecksums() throws SQLException {
        Map<Integer, String> history = new TreeMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations FINAL")) {
            while (rs.next()) {
                history.put(rs.getInt(1), rs.getString(2));
            }
        }
        return history;
    }

    private void apply(Migration m) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(m.sql());
        } catch (SQLException e) {
            throw new SQLException("migration " + m.fileName() + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
        try (PreparedStatement record = connection.prepareStatement(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)")) {
            record.setInt(1, m.version());
            record.setString(2, m.name());
            record.setString(3, m.checksum());
            record.executeUpdate();
        }
    }
}
