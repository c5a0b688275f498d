package org.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.ccpulse.infra.clickhouse.EmbeddedClickHouse;
import org.ccpulse.schemas.clickhouse.ClickHouseConnections;
import org.ccpulse.schemas.clickhouse.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run as a user starts it (the command line, in this JVM) on a temporary data directory
 * and free ports, twice: what the first run leaves in ClickHouse, and that a second run keeps it.
 */
class LocalRunIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed run's data stays, to be looked into
    Path dataDir;

    @Test
    void runsThePipelineAndKeepsItsHistoryAcrossRuns() throws Exception {
        String firstOutput = run("PT75S");

        assertThat(firstOutput)
                .contains("Migrations  " + Migrations.bundled().size() + " applied now")
                .contains("SL 60m")
                .contains("job RUNNING")
                .contains("stopped; data kept in");
        Path credentialsFile = dataDir.resolve("credentials");
        String storedCredentials = Files.readString(credentialsFile);
        Credentials credentials = Credentials.loadOrCreate(credentialsFile, Map.of(), new SecureRandom());
        assertThat(firstOutput)
                .doesNotContain(credentials.writerPassword())
                .doesNotContain(credentials.grafanaPassword());

        Map<String, Long> firstRunMinutes;
        try (EmbeddedClickHouse clickHouse = startClickHouse(credentials);
                Connection writer = ClickHouseConnections.open(
                        clickHouse.httpUrl(), LocalRun.WRITER_USER, credentials.writerPassword());
                Connection grafana = ClickHouseConnections.open(
                        clickHouse.httpUrl(), LocalRun.GRAFANA_USER, credentials.grafanaPassword())) {
            assertThat(count(writer, "SELECT count() FROM schema_migrations FINAL"))
                    .isEqualTo(Migrations.bundled().size());
            assertThat(count(writer, "SELECT uniqExact(queue) FROM queue_minute FINAL"))
                    .isGreaterThanOrEqualTo(3);
            assertThat(count(writer, "SELECT count() FROM queue_live FINAL")).isPositive();
            assertThat(count(grafana, "SELECT count() FROM queue_now")).isPositive();
            try (Statement st = grafana.createStatement()) {
                assertThatThrownBy(
                                () -> st.execute(
                                        "INSERT INTO queue_live (queue, channel, waiting, as_of) VALUES ('x', 'voice', 1, now64(3))"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("readonly");
                // Grafana's user reads neither the credentials next to the data directory nor other files
                assertThatThrownBy(
                                () -> st.executeQuery("SELECT * FROM file('" + credentialsFile + "', 'LineAsString')"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("ACCESS_DENIED")
                        .hasMessageNotContaining(credentials.writerPassword());
                assertThatThrownBy(() -> st.executeQuery("SELECT file('" + credentialsFile + "')"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("ACCESS_DENIED");
            }
            try (Statement st = writer.createStatement()) {
                // nor does the writer: the server's file access ends at its data directory
                assertThatThrownBy(
                                () -> st.executeQuery("SELECT * FROM file('" + credentialsFile + "', 'LineAsString')"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("ACCESS_DENIED")
                        .hasMessageNotContaining(credentials.grafanaPassword());
            }
            firstRunMinutes = minuteVersions(writer);
        }

        Instant secondRunStart = Instant.now();
        String secondOutput = run("PT20S");

        assertThat(secondOutput)
                .contains("Migrations  0 applied now, " + Migrations.bundled().size() + " applied before")
                .as("the job continues from the first run's last checkpoint, on the records Kafka kept")
                .containsPattern("resumed from \\S*" + dataDir.resolve("checkpoints") + "/\\S+/chk-\\d+");
        assertThat(Files.readString(credentialsFile)).isEqualTo(storedCredentials);
        try (EmbeddedClickHouse clickHouse = startClickHouse(credentials);
                Connection writer = ClickHouseConnections.open(
                        clickHouse.httpUrl(), LocalRun.WRITER_USER, credentials.writerPassword())) {
            // the first run's simulator hung up its waiting contacts when it stopped, and the resumed job read that:
            // whoever waits now came during the second run
            try (Statement st = writer.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT count(), min(oldest_queued_at) FROM queue_live FINAL WHERE waiting > 0")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    assertThat(rs.getTimestamp(2).toInstant())
                            .as("oldest contact waiting after the second run")
                            .isAfter(secondRunStart.minusSeconds(5));
                }
            }
            Map<String, Long> afterSecondRun = minuteVersions(writer);
            assertThat(afterSecondRun).containsKeys(firstRunMinutes.keySet().toArray(String[]::new));
            // a row's version is the count of facts behind it: a resumed job only adds to a minute, and a minute
            // open when the first run stopped is never replaced by a recount of the second run's facts alone
            firstRunMinutes.forEach((minute, facts) ->
                    assertThat(afterSecondRun.get(minute)).as(minute).isGreaterThanOrEqualTo(facts));
        }
    }

    /** Runs the command line for {@code duration} at the busy hour of the simulated center; returns what it printed. */
    private String run(String duration) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode = LocalMain.commandLine(
                        new LocalMain(Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8)))
                .execute(
                        "--data-dir",
                        dataDir.toString(),
                        "--kafka-port",
                        "0",
                        "--clickhouse-port",
                        "0",
                        "--agents",
                        "300",
                        "--duration",
                        duration); // the default zone puts the simulated center in its late morning
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(exitCode).as(output).isZero();
        return output;
    }

    private EmbeddedClickHouse startClickHouse(Credentials credentials) {
        return EmbeddedClickHouse.start(
                dataDir.resolve("clickhouse"),
                EmbeddedClickHouse.Options.defaults()
                        .withCredentials(LocalRun.WRITER_USER, credentials.writerPassword())
                        .withReadOnlyUser(LocalRun.GRAFANA_USER, credentials.grafanaPassword()));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Facts counted per (queue, channel, minute): the rows' versions. */
    private static Map<String, Long> minuteVersions(Connection c) throws SQLException {
        Map<String, Long> versions = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT queue, channel, toString(minute_start), version FROM queue_minute FINAL")) {
            while (rs.next()) {
                versions.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getLong(4));
            }
        }
        assertThat(versions).isNotEmpty();
        return versions;
    }
}
