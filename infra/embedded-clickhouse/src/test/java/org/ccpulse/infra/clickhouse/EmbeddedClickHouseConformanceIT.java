package org.ccpulse.infra.clickhouse;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
