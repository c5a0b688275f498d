package org.ccpulse.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void loadsSqlFilesInVersionOrderAndIgnoresOtherFiles() throws IOException {
        Files.writeString(dir.resolve("0010_later.sql"), "CREATE VIEW later AS SELECT 1");
        Files.writeString(dir.resolve("0002_first.sql"), "CREATE TABLE first (x UInt8) ENGINE = Memory");
        Files.writeString(dir.resolve("README.md"), "# index");

        assertThat(Migrations.fromDirectory(dir))
                .extracting(Migration::version, Migration::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "first"),
                        org.assertj.core.groups.Tuple.tuple(10, "later"));
    }

    @Test
    void rejectsTwoFilesWithOneVersion() throws IOException {
        Files.writeString(dir.resolve("0001_a.sql"), "SELECT 1");
        Files.writeString(dir.resolve("0001_b.sql"), "SELECT 2");

        assertThatThrownBy(() -> Migrations.fromDirectory(dir))
                .hasMessageContaining("share version 1")
                .hasMessageContaining("0001_a.sql")
                .hasMessageContaining("0001_b.sql");
    }

    @Test
    void rejectsBadlyNamedAndEmptyFiles() {
        assertThatThrownBy(() -> Migration.of("1_table.sql", "SELECT 1")).hasMessageContaining("NNNN_");
        assertThatThrownBy(() -> Migration.of("0001_Table.sql", "SELECT 1")).hasMessageContaining("NNNN_");
        assertThatThrownBy(() -> Migration.of("0001_table.sql", "  \n")).hasMessageContaining("empty");
    }

    @Test
    void checksumFollowsTheText() {
        Migration a = Migration.of("0001_t.sql", "SELECT 1");
        assertThat(Migration.of("0001_t.sql", "SELECT 1").checksum()).isEqualTo(a.checksum());
        assertThat(Migration.of("0001_t.sql", "SELECT 2").checksum())
                .isNotEqualTo(a.checksum())
                .hasSize(64);
        assertThat(a.fileName()).isEqualTo("0001_t.sql");
    }

    @Test
    void bundledMigrationsAreWellFormed() {
        // Fails when a file in schemas/clickhouse breaks the naming rules or two share a version.
        assertThat(Migrations.bundled()).isSortedAccordingTo(java.util.Comparator.comparingInt(Migration::version));
    }

    @Test
    void jdbcUrlAcceptsHttpAndJdbcAddressesOnly() {
        assertThat(ClickHouseConnections.jdbcUrl("http://127.0.0.1:8123/db"))
                .isEqualTo("jdbc:clickhouse:http://127.0.0.1:8123/db");
        assertThat(ClickHouseConnections.jdbcUrl("jdbc:clickhouse://h:1")).isEqualTo("jdbc:clickhouse://h:1");
        assertThatThrownBy(() -> ClickHouseConnections.jdbcUrl("127.0.0.1:8123"))
                .hasMessageContaining("must start with");
    }
}
