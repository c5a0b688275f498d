package org.ccpulse.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.ccpulse.infra.clickhouse.ClickHouseConformanceSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.containers.BindMode;

/**
 * The same conformance suite the embedded server passes, unchanged, against ClickHouse's official
 * image where a Docker engine answers. Without Docker it is reported as skipped (not passed): the
 * embedded server's run (EmbeddedClickHouseConformanceIT) is the one that counts there.
 * The data directory is a bind mount, so a restart is a new container on the same data.
 */
@EnabledIf(
        value = "dockerAnswers",
        disabledReason = "no Docker engine answers: EmbeddedClickHouseConformanceIT runs this suite")
class TestcontainersClickHouseConformanceIT extends ClickHouseConformanceSuite {

    @TempDir
    static Path data;

    private ClickHouseContainer container;

    static boolean dockerAnswers() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @BeforeAll
    void start() throws IOException {
        // the image's clickhouse user (not us) writes the bind-mounted directory
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        container = newContainer();
        container.start();
    }

    @AfterAll
    void stop() {
        if (container != null) {
            container.stop();
        }
    }

    private static ClickHouseContainer newContainer() {
        return new ClickHouseContainer(ContainerImages.CLICKHOUSE)
                .withFileSystemBind(data.toString(), "/var/lib/clickhouse", BindMode.READ_WRITE);
    }

    @Override
    protected String jdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    protected String user() {
        return container.getUsername();
    }

    @Override
    protected String password() {
        return container.getPassword();
    }

    @Override
    protected void restartServer() {
        container.stop();
        container = newContainer();
        container.start();
    }
}
