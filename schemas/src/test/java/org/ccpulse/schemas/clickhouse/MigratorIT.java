package org.ccpulse.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrator against a real ClickHouse: every bundled file applies, a second run applies nothing,
 * history is kept; a renamed file stays applied (history is keyed by version and checksum).
 */
@ExtendWith(ComponentsExtension.class)
class MigratorIT {

    @TempDir
    Path dir;

    /** The files 0001-0010 as they were named before each file carried its job's name. */
    private static final Map<Integer, String> NAMES_BEFORE_0011 = Map.of(
            1,
            "0001_dead_letters.sql",
            2,
            "0002_queue_minute.sql",
            3,
            "0003_queue_live.sql",
            4,
            "0004_business_days.sql",
            5,
            "0005_fn_service_level.sql",
            6,
            "0006_fn_abandon_rate.sql",
            7,
            "0007_queue_interval.sql",
            8,
            "0008_service_level_interval.sql",
            9,
            "0009_queue_now.sql",
            10,
            "0010_queue_live_now.sql");

    @Test
    void appliesEachPendingMigrationOnceAndRefusesAnEditedOne(ClickHouseEndpoint clickHouse) throws Exception {
        List<Migration> bundled = Migrations.bundled();
        try (Connection c = freshDatabase(clickHouse)) {
            Migrator migrator = new Migrator(c);

            Migrator.Result first = migrator.migrate(bundled);
            assertThat(first.applied()).hasSameSizeAs(bundled).isNotEmpty();
            assertThat(migrator.appliedChecksums()).hasSize(bundled.size());
            assertThat(
                            scalar(
                                    c,
                                    "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'service_level_interval'"))
                    .isEqualTo(1);

            Migrator.Result second = migrator.migrate(bundled);
            assertThat(second.applied()).isEmpty();
            assertThat(second.alreadyApplied()).hasSameSizeAs(bundled);

            // a new file is applied alone; an applied file that changed is refused
            for (Migration m : bundled) {
                Files.writeString(dir.resolve(m.fileName()), m.sql());
            }
            Files.writeString(
                    dir.resolve("9001_extra.sql"),
                    "CREATE TABLE IF NOT EXISTS extra (x UInt8) ENGINE = MergeTree ORDER BY x");
            assertThat(migrator.migrate(Migrations.fromDirectory(dir)).applied())
                    .extracting(Migration::fileName)
                    .containsExactly("9001_extra.sql");
            Files.writeString(
                    dir.resolve("9001_extra.sql"),
                    "CREATE TABLE IF NOT EXISTS extra (x UInt16) ENGINE = MergeTree ORDER BY x");
            assertThatThrownBy(() -> migrator.migrate(Migrations.fromDirectory(dir)))
                    .hasMessageContaining("9001_extra.sql was changed");
        }
    }

    @Test
    void aRenamedFileStaysApplied(ClickHouseEndpoint clickHouse) throws Exception {
        List<Migration> bundled = Migrations.bundled();
        try (Connection c = freshDatabase(clickHouse)) {
            Migrator migrator = new Migrator(c);
            migrator.migrate(bundled);
            for (Migration m : bundled) {
                Files.writeString(dir.resolve(String.format("%04d_renamed_%s.sql", m.version(), m.name())), m.sql());
            }

            Migrator.Result renamed = migrator.migrate(Migrations.fromDirectory(dir));

            assertThat(renamed.applied()).isEmpty();
            assertThat(renamed.alreadyApplied()).hasSameSizeAs(bundled);
        }
    }

    @Test
    void aDatabaseMigratedUnderTheOldFileNamesGetsOnlyTheNewVersions(ClickHouseEndpoint clickHouse) throws Exception {
        List<Migration> bundled = Migrations.bundled();
        for (Migration m : bundled) {
            if (NAMES_BEFORE_0011.containsKey(m.version())) {
                Files.writeString(dir.resolve(NAMES_BEFORE_0011.get(m.version())), m.sql());
            }
        }
        try (Connection c = freshDatabase(clickHouse)) {
            Migrator migrator = new Migrator(c);
            assertThat(migrator.migrate(Migrations.fromDirectory(dir)).applied())
                    .hasSize(NAMES_BEFORE_0011.size());

            Migrator.Result upgrade = migrator.migrate(bundled);

            assertThat(upgrade.alreadyApplied())
                    .extracting(Migration::version)
                    .containsExactlyElementsOf(
                            NAMES_BEFORE_0011.keySet().stream().sorted().toList());
            assertThat(upgrade.applied())
                    .extracting(Migration::version)
                    .allMatch(v -> v > 10)
                    .hasSize(bundled.size() - NAMES_BEFORE_0011.size());
        }
    }

    private static Connection freshDatabase(ClickHouseEndpoint clickHouse) throws Exception {
        String db = "migrator_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin =
                ClickHouseConnections.open(clickHouse.httpUrl(), clickHouse.user(), clickHouse.password())) {
            admin.createStatement().execute("CREATE DATABASE " + db); // generated name, not input
        }
        return ClickHouseConnections.open(clickHouse.httpUrl() + "/" + db, clickHouse.user(), clickHouse.password());
    }

    private static long scalar(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
