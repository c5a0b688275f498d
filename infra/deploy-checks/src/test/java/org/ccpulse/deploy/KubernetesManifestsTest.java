package org.ccpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infra/kubernetes agrees with the code, the dashboards and itself; and the check notices when it does not. */
class KubernetesManifestsTest {

    private static final Path ROOT = DeployFiles.repoRoot();

    @TempDir
    Path copy;

    @Test
    void theManifestsAgreeWithTheCodeAndTheDashboards() {
        assertThat(KubernetesChecks.problems(ROOT)).isEmpty();
    }

    @Test
    void everyTopicOfTheJobsIsAKafkaTopicWithItsPartitions() {
        assertThat(KubernetesChecks.expectedTopics())
                .containsEntry("contact-events", 3)
                .containsEntry("tickets", 3)
                .containsEntry("orders", 3)
                .containsEntry("dead-letters", 1)
                .containsEntry("complaint-spikes", 1)
                .containsEntry("churn-alerts", 1)
                .hasSize(6);
        List<String> topics = KubernetesManifests.load(ROOT).ofKind("KafkaTopic").stream()
                .map(KubernetesManifests.Resource::name)
                .toList();
        assertThat(topics)
                .containsExactlyInAnyOrderElementsOf(
                        KubernetesChecks.expectedTopics().keySet());
    }

    @Test
    void aRenamedTopicIsAProblemNamingIt() throws IOException {
        Path root = copyOfRepository();
        replace(root.resolve("infra/kubernetes/kafka.yaml"), "  name: tickets\n", "  name: ticket-events\n");

        assertThat(KubernetesChecks.problems(root))
                .containsExactlyInAnyOrder(
                        "KafkaTopic ticket-events: the jobs use no topic ticket-events (they use [contact-events,"
                                + " tickets, orders, dead-letters, complaint-spikes, churn-alerts])",
                        "topic tickets: the jobs use it, but no KafkaTopic creates it");
    }

    @Test
    void aTopicWithOtherPartitionsIsAProblem() throws IOException {
        Path root = copyOfRepository();
        replace(
                root.resolve("infra/kubernetes/kafka.yaml"),
                "  name: orders\n  labels:\n    strimzi.io/cluster: ccpulse\nspec:\n  partitions: 3\n",
                "  name: orders\n  labels:\n    strimzi.io/cluster: ccpulse\nspec:\n  partitions: 6\n");

        assertThat(KubernetesChecks.problems(root))
                .containsExactly("KafkaTopic orders: 6 partitions, the jobs expect 3");
    }

    @Test
    void aProvisioningFileThatNoConfigMapHoldsIsAProblemNamingIt() throws IOException {
        Path root = copyOfRepository();
        Files.writeString(root.resolve("dashboards/provisioning/alerting/queue-backlog.yaml"), "apiVersion: 1\n");
        Path newFolder = Files.createDirectories(root.resolve("dashboards/ccpulse/Executives"));
        Files.writeString(newFolder.resolve("overview.json"), "{}");

        assertThat(KubernetesChecks.problems(root))
                .containsExactlyInAnyOrder(
                        "dashboards/provisioning/alerting/queue-backlog.yaml is in no ConfigMap that Grafana mounts;"
                                + " Grafana expects it at /etc/grafana/provisioning/alerting/queue-backlog.yaml",
                        "dashboards/ccpulse/Executives/overview.json is in no ConfigMap that Grafana mounts; Grafana"
                                + " expects it at /var/lib/grafana/dashboards/ccpulse/Executives/overview.json");
    }

    @Test
    void aProvisioningFileMissingFromTheRepositoryIsAProblemNamingIt() throws IOException {
        Path root = copyOfRepository();
        Files.delete(root.resolve("dashboards/provisioning/alerting/fcr.yaml"));

        assertThat(KubernetesChecks.problems(root))
                .containsExactly("Grafana mounts dashboards/provisioning/alerting/fcr.yaml, which is not in dashboards/"
                        + " (missing or moved?)");
    }

    @Test
    void aDashboardMountedInTheWrongFolderIsAProblem() throws IOException {
        Path root = copyOfRepository();
        replace(
                root.resolve("infra/kubernetes/grafana.yaml"),
                "/var/lib/grafana/dashboards/ccpulse/Quality",
                "/var/lib/grafana/dashboards/ccpulse/quality");

        assertThat(KubernetesChecks.problems(root))
                .containsExactly("dashboards/ccpulse/Quality/complaints.json is mounted at"
                        + " /var/lib/grafana/dashboards/ccpulse/quality/complaints.json, Grafana expects it at"
                        + " /var/lib/grafana/dashboards/ccpulse/Quality/complaints.json");
    }

    @Test
    void aVariableTheProvisioningUsesButGrafanaLacksIsAProblem() throws IOException {
        Path root = copyOfRepository();
        replace(
                root.resolve("infra/kubernetes/grafana.yaml"),
                "- name: CCPULSE_ACCOUNT_TEAM_EMAILS",
                "- name: CCPULSE_ACCOUNT_TEAM_MAILS");

        assertThat(KubernetesChecks.problems(root))
                .containsExactly("dashboards/provisioning uses ${CCPULSE_ACCOUNT_TEAM_EMAILS}, which Grafana's"
                        + " container does not set");
    }

    @Test
    void theJobsMustReachTheKafkaBootstrapServiceAndClickHouse() throws IOException {
        Path root = copyOfRepository();
        replace(root.resolve("infra/kubernetes/flink.yaml"), "ccpulse-kafka-bootstrap:9092", "kafka:9092");
        replace(
                root.resolve("infra/kubernetes/flink.yaml"),
                "- name: CLICKHOUSE_URL\n              value: http://clickhouse:8123",
                "- name: CLICKHOUSE_URL\n              value: http://clickhouse-0:8123");

        assertThat(KubernetesChecks.problems(root))
                .containsExactlyInAnyOrder(
                        "FlinkDeployment ccpulse-jobs (flink.yaml): --bootstrap-servers 'kafka:9092' is not the"
                                + " Kafka cluster's plain bootstrap address [ccpulse-kafka-bootstrap:9092]",
                        "FlinkDeployment ccpulse-jobs (flink.yaml) container flink-main-container: CLICKHOUSE_URL"
                                + " names host clickhouse-0, which is no Service (Services: [clickhouse, grafana])");
    }

    @Test
    void aConfigMapReferenceKustomizeDoesNotRenameIsAProblem() throws IOException {
        Path root = copyOfRepository();
        replace(
                root.resolve("infra/kubernetes/kustomizeconfig.yaml"),
                "        path: spec/podTemplate/spec/volumes/configMap/name\n",
                "        path: spec/jobManager/podTemplate/spec/volumes/configMap/name\n");

        assertThat(KubernetesChecks.problems(root))
                .containsExactly("FlinkDeployment ccpulse-jobs (flink.yaml): kustomize does not rename ConfigMap"
                        + " ccpulse-config at /spec/podTemplate/spec/volumes/configMap/name (add it to"
                        + " kustomizeconfig.yaml nameReference), so the pods would look for a ConfigMap that does not"
                        + " exist");
    }

    @Test
    void aFlinkOptionThatFlinkDoesNotHaveIsAProblem() throws IOException {
        assertThat(KubernetesChecks.flinkOptionKeys())
                .contains("state.checkpoints.dir", "execution.checkpointing.dir", "high-availability.type");
        Path root = copyOfRepository();
        replace(root.resolve("infra/kubernetes/flink.yaml"), "state.savepoints.dir:", "state.savepoint.dir:");

        assertThat(KubernetesChecks.problems(root))
                .containsExactlyInAnyOrder(
                        "FlinkDeployment ccpulse-jobs (flink.yaml): flinkConfiguration state.savepoint.dir is no"
                                + " option of Flink 2.2.1",
                        "FlinkDeployment ccpulse-jobs (flink.yaml): state.savepoints.dir is '', not on S3 (s3://...)");
    }

    @Test
    void aSecretKeyThatIsNotDocumentedIsAProblem() throws IOException {
        Path root = copyOfRepository();
        replace(root.resolve("infra/kubernetes/grafana.yaml"), "key: admin-password", "key: admin_password");

        assertThat(KubernetesChecks.problems(root))
                .containsExactlyInAnyOrder(
                        "Deployment grafana (grafana.yaml): secret ccpulse-grafana key admin_password is not in"
                                + " secrets.example.yaml",
                        "secrets.example.yaml: secret ccpulse-grafana key admin-password is used by no resource");
    }

    @Test
    void aTagOutsideTheKustomizationIsAProblem() throws IOException {
        Path root = copyOfRepository();
        replace(
                root.resolve("infra/kubernetes/clickhouse.yaml"),
                "image: clickhouse/clickhouse-server",
                "image: clickhouse/clickhouse-server:latest");

        assertThat(KubernetesChecks.problems(root))
                .containsExactlyInAnyOrder(
                        "StatefulSet clickhouse (clickhouse.yaml): image clickhouse/clickhouse-server:latest has a"
                                + " tag; tags are pinned in kustomization.yaml only",
                        "kustomization.yaml pins clickhouse/clickhouse-server, which no resource uses");
    }

    @Test
    void theComposeFileMustPinTheSameTags() throws IOException {
        Path root = copyOfRepository();
        copyResource("compose-other-tags.yml", root.resolve(KubernetesChecks.COMPOSE));

        assertThat(KubernetesChecks.problems(root))
                .containsExactlyInAnyOrder(
                        "image clickhouse/clickhouse-server: kustomization.yaml pins 25.8.32.4,"
                                + " infra/compose/compose.yaml (service clickhouse) 25.3",
                        "image grafana/grafana: kustomization.yaml pins 12.4.0, infra/compose/compose.yaml"
                                + " (service grafana) 11.6.0",
                        "Kafka: version 4.2.0 here, infra/compose/compose.yaml (service kafka) runs"
                                + " apache/kafka:4.1.1");
    }

    @Test
    void aMissingComposeFileIsAProblem() throws IOException {
        Path root = copyOfRepository();
        Files.delete(root.resolve(KubernetesChecks.COMPOSE));

        assertThat(KubernetesChecks.problems(root))
                .contains("infra/compose/compose.yaml is missing: the tags cannot be compared");
    }

    @Test
    void theApplicationImageMustBeBuiltFromTheJobsFlink() throws IOException {
        Path root = copyOfRepository();
        Path dockerfile = Files.createDirectories(root.resolve("infra/docker")).resolve("Dockerfile");

        Files.writeString(
                dockerfile,
                "FROM flink:2.2.1-java17\nCOPY jobs/target/ccpulse-jobs-job.jar /opt/flink/usrlib/ccpulse-jobs.jar\n");
        assertThat(KubernetesChecks.problems(root)).isEmpty();

        Files.writeString(dockerfile, "ARG FLINK_TAG=2.2.1-java17\nFROM flink:${FLINK_TAG} AS jobs\n");
        assertThat(KubernetesChecks.problems(root)).isEmpty();

        Files.writeString(dockerfile, "FROM flink:2.1.0-java17\n");
        assertThat(KubernetesChecks.problems(root))
                .containsExactly(
                        "infra/docker/Dockerfile: FROM flink:2.1.0-java17, the jobs are built for Flink 2.2.1");
    }

    /** The files the check reads, copied, so that a test can change them. */
    private Path copyOfRepository() throws IOException {
        for (String path : List.of(
                "infra/kubernetes",
                "infra/compose",
                "infra/docker",
                "dashboards/provisioning",
                "dashboards/ccpulse",
                "jobs/config",
                "pom.xml")) {
            Path source = ROOT.resolve(path);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = copy.resolve(ROOT.relativize(file));
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as("%s holds the text to change", file).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
