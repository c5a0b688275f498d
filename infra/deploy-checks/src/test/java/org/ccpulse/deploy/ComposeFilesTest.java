package org.ccpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Compose stack (infra/compose, the image's infra/docker) checked by {@link ComposeCheck}: the real files have no
 * problem, and each kind of mistake in a copy of them is reported, naming what is wrong.
 */
class ComposeFilesTest {

    /** What the stack refers to; copied for the mutated cases, so the checks see a whole repository. */
    private static final List<String> STACK =
            List.of("infra/compose", "infra/docker", "dashboards/provisioning", "dashboards/ccpulse", "jobs/config");

    private static final String COMPOSE = ComposeCheck.COMPOSE;

    @TempDir
    Path copy;

    @Test
    void theRepositorysStackHasNoProblems() {
        assertThat(ComposeCheck.problems(DeployFiles.repoRoot())).isEmpty();
    }

    @Test
    void aRenamedTopicIsReportedByBothNames() throws IOException {
        copyStack();
        edit(COMPOSE, "- orders:3", "- order:3");

        assertThat(ComposeCheck.problems(copy))
                .contains(
                        "topic 'orders' is not created, but the jobs use it",
                        "topic 'order' is created, but no job reads or writes it");
    }

    @Test
    void aMissingProvisioningFileIsReportedByName() throws IOException {
        copyStack();
        Files.delete(copy.resolve("dashboards/provisioning/alerting/fcr.yaml"));

        assertThat(ComposeCheck.problems(copy))
                .containsExactly(
                        "service grafana mounts dashboards/provisioning/alerting/fcr.yaml, which does not" + " exist");
    }

    @Test
    void aProvisioningFileThatIsNotMountedIsReportedByName() throws IOException {
        copyStack();
        Files.writeString(copy.resolve("dashboards/provisioning/alerting/sla.yaml"), "apiVersion: 1\n");

        assertThat(ComposeCheck.problems(copy))
                .containsExactly(
                        "dashboards/provisioning/alerting/sla.yaml is not mounted into Grafana (service" + " grafana)");
    }

    /** The scripts the containers run parse as the shell they name (bash -n, and sh -n for /bin/sh ones). */
    @Test
    void theStacksShellScriptsParse() throws Exception {
        Path root = DeployFiles.repoRoot();
        List<Path> scripts;
        try (Stream<Path> files = Stream.concat(
                Files.walk(root.resolve("infra/compose")), Files.walk(root.resolve("infra/docker/bin")))) {
            scripts = files.filter(Files::isRegularFile)
                    .filter(f -> Files.isExecutable(f) || f.toString().endsWith(".sh"))
                    .toList();
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(4);
        for (Path script : scripts) {
            String shell = Files.readAllLines(script).get(0).endsWith("/sh") ? "sh" : "bash";
            Process check = new ProcessBuilder(shell, "-n", script.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor()).as(script + ": " + output).isZero();
        }
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(
                        "an input topic with other partitions than infra/local's",
                        COMPOSE,
                        "- contact-events:3",
                        "- contact-events:1",
                        "topic 'contact-events' is created with 1 partitions, expected 3"),
                Arguments.of(
                        "a key the Compose Specification does not have",
                        COMPOSE,
                        "  kafka:\n    image: *kafka-image\n",
                        "  kafka:\n    image: *kafka-image\n    restart_policy: always\n",
                        "does not follow the Compose Specification: /services/kafka property 'restart_policy' is not defined"),
                Arguments.of(
                        "a dashboard provider reading a folder that is not mounted",
                        "dashboards/provisioning/dashboards/ccpulse.yaml",
                        "path: /var/lib/grafana/dashboards/ccpulse",
                        "path: /var/lib/grafana/dashboards/other",
                        "dashboards/provisioning/dashboards/ccpulse.yaml loads dashboards from"
                                + " /var/lib/grafana/dashboards/other, which nothing is mounted at"),
                Arguments.of(
                        "a provisioning file mounted where Grafana does not read its kind",
                        COMPOSE,
                        ":/etc/grafana/provisioning/alerting/fcr.yaml:ro",
                        ":/etc/grafana/provisioning/datasources/fcr.yaml:ro",
                        "not at /etc/grafana/provisioning/alerting/fcr.yaml where Grafana reads it"),
                Arguments.of(
                        "a variable of the provisioning files Grafana does not get",
                        COMPOSE,
                        "      CCPULSE_ACCOUNT_TEAM_EMAILS: ${CCPULSE_ACCOUNT_TEAM_EMAILS:?set"
                                + " CCPULSE_ACCOUNT_TEAM_EMAILS in .env}\n",
                        "",
                        "dashboards/provisioning/alerting/customer-value.yaml uses ${CCPULSE_ACCOUNT_TEAM_EMAILS},"
                                + " which Grafana's environment (service grafana) does not set"),
                Arguments.of(
                        "the datasource's plugin not installed",
                        COMPOSE,
                        "      GF_PLUGINS_PREINSTALL_SYNC: *grafana-clickhouse-plugin\n",
                        "",
                        "provisions a grafana-clickhouse-datasource datasource, but service grafana does not install"
                                + " that plugin"),
                Arguments.of(
                        "Grafana with another password than its ClickHouse user's",
                        COMPOSE,
                        "${CCPULSE_CLICKHOUSE_GRAFANA_PASSWORD:?set CCPULSE_CLICKHOUSE_GRAFANA_PASSWORD in .env}\n"
                                + "      CCPULSE_ACCOUNT_TEAM_WEBHOOK_URL",
                        "${CCPULSE_CLICKHOUSE_WRITER_PASSWORD}\n      CCPULSE_ACCOUNT_TEAM_WEBHOOK_URL",
                        "service grafana sets CCPULSE_CLICKHOUSE_GRAFANA_PASSWORD to another value than service"
                                + " clickhouse"),
                Arguments.of(
                        "a required variable missing from .env.example",
                        ComposeCheck.ENV_EXAMPLE,
                        "GRAFANA_ADMIN_PASSWORD=change-me-grafana-admin\n",
                        "",
                        "uses ${GRAFANA_ADMIN_PASSWORD} without a default, and infra/compose/.env.example does not"
                                + " define it"),
                Arguments.of(
                        "the real .env not git-ignored",
                        "infra/compose/.gitignore",
                        ".env\n",
                        "",
                        "infra/compose/.gitignore does not ignore .env"),
                Arguments.of(
                        "an undocumented variable in .env.example",
                        ComposeCheck.ENV_EXAMPLE,
                        "CCPULSE_SIMULATOR_AGENTS=100\n",
                        "CCPULSE_SIMULATOR_AGENTS=100\n\nCCPULSE_SIMULATOR_AGENTS_TYPO=100\n",
                        "CCPULSE_SIMULATOR_AGENTS_TYPO has no comment above it"),
                Arguments.of(
                        "a mistyped option of the jobs",
                        COMPOSE,
                        "      - --checkpoint-dir\n",
                        "      - --checkpoints-dir\n",
                        "service jobmanager: the jobs refuse their arguments: Unknown options: '--checkpoints-dir'"),
                Arguments.of(
                        "the jobs without the ClickHouse user",
                        COMPOSE,
                        "      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      CLICKHOUSE_URL: *clickhouse-url\n"
                                + "      CLICKHOUSE_USER: *writer-user\n",
                        "      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      CLICKHOUSE_URL: *clickhouse-url\n",
                        "service jobmanager logs in to ClickHouse as 'default', not as the writer 'ccpulse'"),
                Arguments.of(
                        "the jobs reading a Kafka address nobody advertises",
                        COMPOSE,
                        "KAFKA_BOOTSTRAP_SERVERS: kafka:9092",
                        "KAFKA_BOOTSTRAP_SERVERS: kafka:29092",
                        "service jobmanager reads Kafka at kafka:29092, which no Kafka service advertises"),
                Arguments.of(
                        "the ClickHouse init script missing",
                        COMPOSE,
                        "./clickhouse/initdb/10-ccpulse-users.sh:",
                        "./clickhouse/initdb/10-users.sh:",
                        "service clickhouse mounts infra/compose/clickhouse/initdb/10-users.sh, which does not exist"),
                Arguments.of(
                        "a base image of the Dockerfile other than the compose file's pin",
                        "infra/docker/Dockerfile",
                        "ARG FLINK_IMAGE=flink:2.2.1-scala_2.12-java17",
                        "ARG FLINK_IMAGE=flink:2.2.0-scala_2.12-java17",
                        "infra/docker/Dockerfile: ARG FLINK_IMAGE defaults to flink:2.2.0-scala_2.12-java17 but"
                                + " infra/compose/compose.yaml pins flink:2.2.1-scala_2.12-java17"),
                Arguments.of(
                        "the Dockerfile copying a file that does not exist",
                        "infra/docker/Dockerfile",
                        "COPY jobs/config/ccpulse.yaml /opt/ccpulse/ccpulse.yaml",
                        "COPY jobs/config/pulse.yaml /opt/ccpulse/ccpulse.yaml",
                        "infra/docker/Dockerfile copies jobs/config/pulse.yaml, which the build context . does not"
                                + " hold"),
                Arguments.of(
                        "a program the image does not have",
                        COMPOSE,
                        "/opt/ccpulse/bin/ccpulse-simulator",
                        "/opt/ccpulse/bin/simulator",
                        "service simulator runs /opt/ccpulse/bin/simulator, which is neither in the image nor"
                                + " mounted"),
                Arguments.of(
                        "an image on a moving tag",
                        COMPOSE,
                        "grafana/grafana:12.4.0",
                        "grafana/grafana:latest",
                        "x-images grafana/grafana:latest is not pinned to a version"),
                Arguments.of(
                        "a port published on every interface",
                        COMPOSE,
                        "\"127.0.0.1:3000:3000\"",
                        "\"3000:3000\"",
                        "service grafana publishes \"3000:3000\" on every interface, not 127.0.0.1"),
                Arguments.of(
                        "a one-shot that is restarted",
                        COMPOSE,
                        "    restart: \"no\"\n    depends_on:\n      clickhouse:",
                        "    restart: on-failure\n    depends_on:\n      clickhouse:",
                        "service jobmanager waits for migrator to complete, but it is restarted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void eachMistakeIsReported(String mistake, String file, String from, String to, String reported)
            throws IOException {
        copyStack();
        edit(file, from, to);

        assertThat(ComposeCheck.problems(copy))
                .anySatisfy(problem -> assertThat(problem).contains(reported));
    }

    private void copyStack() throws IOException {
        Path root = DeployFiles.repoRoot();
        for (String folder : STACK) {
            try (Stream<Path> files = Files.walk(root.resolve(folder))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = copy.resolve(root.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
    }

    /** Replaces the first {@code from} in a copied file; fails if it is not there, so every case mutates. */
    private void edit(String file, String from, String to) throws IOException {
        Path path = copy.resolve(file);
        String text = Files.readString(path);
        assertThat(text).as(file).contains(from);
        int at = text.indexOf(from);
        Files.writeString(path, text.substring(0, at) + to + text.substring(at + from.length()));
    }
}
