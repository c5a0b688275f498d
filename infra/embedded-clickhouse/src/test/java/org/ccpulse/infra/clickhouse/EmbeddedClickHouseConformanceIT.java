package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against the embedded chDB server on a temporary data directory. */
class EmbeddedClickHouseConformanceIT extends ClickHouseConformanceSuite {

    @TempDir
    static Path dir;

    private EmbeddedClickHouse server;

    @BeforeAll
    void start() {
        server = EmbeddedClickHouse.start(dir.resolve("data"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A figure for the README rather than a conformance point: one JDBC batch of a million rows. */
    @Test
    void batchInsertOfAMillionRows() throws SQLException {
        int rows = 1_000_000;
        double rate = insertBatch(rows);
        System.out.printf("batch insert %,d rows via %s: %,.0f rows/s%n", rows, jdbcUrl(), rate);
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            assertThat(rows(s, "SELECT count() FROM conformance.contacts")).containsExactly(Integer.toString(rows));
        }
    }

    @Override
    protected String jdbcUrl() {
        return server.jdbcUrl();
    }

    @Override
    protected String user() {
        return server.user();
    }

    @Override
    protected String password() {
        return server.password();
    }

    @Override
    protected void restartServer() {
        server.close();
        server = EmbeddedClickHouse.start(dir.resolve("data"));
    }
}
