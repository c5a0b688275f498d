package org.ccpulse.jobs.clickhouse;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.ccpulse.schemas.clickhouse.ClickHouseConnections;

/**
 * Where ClickHouse is and who writes: taken from the environment (CLICKHOUSE_URL, CLICKHOUSE_USER,
 * CLICKHOUSE_PASSWORD or CLICKHOUSE_PASSWORD_FILE), never from code or the command line.
 */
public record ClickHouseAccess(String url, String user, String password) implements Serializable {

    public static ClickHouseAccess fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault("CLICKHOUSE_URL", "http://127.0.0.1:8123");
        String user = env.getOrDefault("CLICKHOUSE_USER", "default");
        String password = env.getOrDefault("CLICKHOUSE_PASSWORD", "");
        String passwordFile = env.get("CLICKHOUSE_PASSWORD_FILE");
        if (passwordFile != null) {
            try {
                password = Files.readString(Path.of(passwordFile)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CLICKHOUSE_PASSWORD_FILE " + passwordFile, e);
            }
        }
        return new ClickHouseAccess(url, user, password);
    }

    public Connection open() throws SQLException {
        return ClickHouseConnections.open(url, user, password);
    }

    @Override
    public String toString() {
        return "ClickHouseAccess[" + url + " as " + user + "]"; // never the password
    }
}
