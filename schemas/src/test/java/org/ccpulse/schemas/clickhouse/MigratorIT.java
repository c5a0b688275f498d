package org.ccpulse.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The migrator against a real ClickHouse: every bundled file applies, a second run applies nothing, history is kept. */
@ExtendWith(ComponentsExtension.class)
class MigratorIT {

    @TempDir
    Path dir;

    @Test
    void appliesEachPendingMigrationOnceAndRefusesAnEditedOne(ClickHouseEndpoint clickHouse) throws Exception {
        String db = "migrator_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = ClickHouseConnections.open(clickHouse.httpUrl(), clickHouse.user(), clickHouse.password())) {
            admin.createStatement().execute("CREATE DATABASE " + db); // generated name, not input
        }
        List<Migration> bundled = Migrations.bundled();
        try (Connection c = ClickHouseConnections.open(clickHouse.httpUrl() + "/" + db, clickHouse.user(), clickHouse.password())) {
            Migrator migrator = new Migrator(c);

            Migrator.Result first = migrator.migrate(bundled);
            assertThat(first.applied()).hasSameSizeAs(bundled).isNotEmpty();
            assertThat(migrator.appliedChecksums()).hasSize(bundled.size());
            assertThat(scalar(c, "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name = 'service_level_interval'"))
                    .isEqualTo(1);

            Migrator.Result second = migrator.migrate(bundled);
            assertThat(second.applied()).isEmpty();
            assertThat(second.alreadyApplied()).hasSameSizeAs(bundled);

            // a new file is applied alone; an applied file that changed is refused
            for (Migration m : bundled) {
                Files.writeString(dir.resolve(m.fileName()), m.sql());
            }
            Files.writeString(dir.resolve("9001_extra.sql"), "CREATE TABLE IF NOT EXISTS extra (x UInt8) ENGINE = MergeTree ORDER BY x");
            assertThat(migrator.migrate(Migrations.fromDirectory(dir)).applied()).extracting(Migration::fileName).containsExactly("9001_extra.sql");
            Files.writeString(dir.resolve("9001_extra.sql"), "CREATE TABLE IF NOT EXISTS extra (x UInt16) ENGINE = MergeTree ORDER BY x");
            assertThatThrownBy(() -> migrator.migrate(Migrations.fromDirectory(dir))).hasMessageContaining("9001_extra.sql was changed");
        }
    }

    private static long scalar(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
