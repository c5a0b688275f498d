package org.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void generatesTwoDifferentPasswordsIntoAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("data/credentials");

        Credentials created = Credentials.loadOrCreate(file, Map.of(), random);

        assertThat(created.writerPassword()).hasSize(32).isNotEqualTo(created.grafanaPassword());
        assertThat(created.grafanaPassword()).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains(created.writerPassword(), created.grafanaPassword());
    }

    @Test
    void aStoredFileReadableByOthersIsMadeOwnerOnlyAgain() throws Exception {
        Path file = dir.resolve("credentials");
        Credentials first = Credentials.loadOrCreate(file, Map.of(), random);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        Credentials second = Credentials.loadOrCreate(file, Map.of(), random);

        assertThat(second.writerPassword()).isEqualTo(first.writerPassword());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void laterRunsReuseTheStoredPasswords() {
        Path file = dir.resolve("credentials");
        Credentials first = Credentials.loadOrCreate(file, Map.of(), random);

        Credentials second = Credentials.loadOrCreate(file, Map.of(), random);

        assertThat(second.writerPassword()).isEqualTo(first.writerPassword());
        assertThat(second.grafanaPassword()).isEqualTo(first.grafanaPassword());
    }

    @Test
    void environmentWinsAndIsNeverWrittenToTheFile() throws Exception {
        Path file = dir.resolve("credentials");
        Credentials stored = Credentials.loadOrCreate(file, Map.of(), random);

        Credentials fromEnv = Credentials.loadOrCreate(
                file,
                Map.of(Credentials.WRITER_ENV, "writer-from-env", Credentials.GRAFANA_ENV, "grafana-from-env"),
                random);

        assertThat(fromEnv.writerPassword()).isEqualTo("writer-from-env");
        assertThat(fromEnv.grafanaPassword()).isEqualTo("grafana-from-env");
        assertThat(fromEnv.grafanaPasswordHint()).isEqualTo("from CCPULSE_GRAFANA_PASSWORD");
        assertThat(Files.readString(file)).doesNotContain("from-env").contains(stored.writerPassword());
    }

    @Test
    void onlyTheMissingPasswordIsGeneratedWhenOneComesFromTheEnvironment() throws Exception {
        Path file = dir.resolve("credentials");

        Credentials c = Credentials.loadOrCreate(file, Map.of(Credentials.WRITER_ENV, "w"), random);

        assertThat(c.writerPassword()).isEqualTo("w");
        assertThat(c.writerPasswordHint()).isEqualTo("from CCPULSE_WRITER_PASSWORD");
        assertThat(c.grafanaPasswordHint()).isEqualTo("stored in " + file);
        assertThat(Files.readString(file))
                .contains("grafana_password=" + c.grafanaPassword())
                .doesNotContain("writer_password");
    }

    @Test
    void refusesAPasswordTheServerCouldNotParse() {
        assertThatThrownBy(() ->
                        Credentials.loadOrCreate(dir.resolve("c"), Map.of(Credentials.GRAFANA_ENV, "a,b"), random))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CCPULSE_GRAFANA_PASSWORD");
    }

    @Test
    void toStringNeverShowsAPassword() {
        Credentials c = Credentials.loadOrCreate(dir.resolve("credentials"), Map.of(), random);

        assertThat(c.toString()).doesNotContain(c.writerPassword()).doesNotContain(c.grafanaPassword());
    }
}
