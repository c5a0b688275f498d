package org.ccpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.ccpulse.deploy.KubernetesManifests.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The custom resources of infra/kubernetes against their operators' published schemas. */
class KubernetesSchemasTest {

    private static final KubernetesManifests MANIFESTS = KubernetesManifests.load(DeployFiles.repoRoot());

    @TempDir
    static Path work;

    private static KubernetesSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = KubernetesSchemas.load("v2_2", work);
    }

    @Test
    void everyBuiltInResourceAndTheSecretsExampleAreValidKubernetesObjects() {
        List<Resource> builtIn = MANIFESTS.resources().stream()
                .filter(r -> r.node().path("apiVersion").asText().matches("v1|apps/v1"))
                .toList();
        assertThat(builtIn)
                .extracting(Resource::kind)
                .contains("Namespace", "Service", "StatefulSet", "Deployment", "PersistentVolumeClaim");
        List<Resource> secrets = KubernetesManifests.readAll(MANIFESTS.dir().resolve("secrets.example.yaml")).stream()
                .map(node -> new Resource("secrets.example.yaml", node))
                .toList();
        assertThat(secrets).hasSize(3);
        for (Resource resource : concat(builtIn, secrets)) {
            assertThat(schemas.covers(resource)).as("%s has a schema", resource).isTrue();
            assertThat(schemas.problems(resource)).as("%s", resource).isEmpty();
        }
    }

    @Test
    void aMisspeltOrMissingFieldOfABuiltInKindIsAnError() {
        Resource grafana = changed("Deployment", r -> {
            ObjectNode spec = (ObjectNode) r.path("spec");
            spec.set("replica", spec.remove("replicas"));
        });
        assertThat(schemas.problems(grafana)).singleElement().asString().contains("replica");

        Resource clickHouse = changed(
                "StatefulSet",
                r -> ((ObjectNode) r.path("spec")
                                .path("template")
                                .path("spec")
                                .path("containers")
                                .path(0))
                        .remove("name"));
        assertThat(schemas.problems(clickHouse)).singleElement().asString().contains("`name`");
    }

    private static List<Resource> concat(List<Resource> a, List<Resource> b) {
        List<Resource> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void everyCustomResourceHasItsPublishedSchemaAndIsValid() {
        List<Resource> custom = MANIFESTS.resources().stream()
                .filter(r -> !r.node().path("apiVersion").asText().matches("v1|apps/v1"))
                .toList();
        assertThat(custom)
                .extracting(Resource::kind)
                .containsOnly("FlinkDeployment", "Kafka", "KafkaNodePool", "KafkaTopic");
        assertThat(custom)
                .allSatisfy(r ->
                        assertThat(schemas.covers(r)).as("%s has a schema", r).isTrue());
        assertThat(custom).flatMap(schemas::problems).isEmpty();
    }

    @Test
    void aValueTheOperatorDoesNotKnowIsAnError() {
        Resource flink = changed(
                "FlinkDeployment", r -> ((ObjectNode) r.path("spec").path("job")).put("upgradeMode", "savepoints"));
        assertThat(schemas.problems(flink)).singleElement().asString().contains("/spec/job/upgradeMode");

        Resource oldFlink = changed("FlinkDeployment", r -> ((ObjectNode) r.path("spec")).put("flinkVersion", "v1_12"));
        assertThat(schemas.problems(oldFlink)).singleElement().asString().contains("/spec/flinkVersion");
    }

    @Test
    void aMisspeltFieldIsAnError() {
        Resource flink = changed("FlinkDeployment", r -> {
            ObjectNode job = (ObjectNode) r.path("spec").path("job");
            job.set("paralelism", job.remove("parallelism"));
        });
        assertThat(schemas.problems(flink)).singleElement().asString().contains("paralelism");

        Resource kafka = changed("Kafka", r -> ((ObjectNode) r.path("spec").path("kafka")).put("replicas", 3));
        assertThat(schemas.problems(kafka)).singleElement().asString().contains("replicas");
    }

    @Test
    void aValueOfTheWrongTypeIsAnError() {
        Resource topic = changed("KafkaTopic", r -> ((ObjectNode) r.path("spec")).put("partitions", "three"));
        assertThat(schemas.problems(topic)).singleElement().asString().contains("/spec/partitions");

        Resource pool = changed(
                "KafkaNodePool",
                r -> ((ObjectNode) r.path("spec")).putArray("roles").add("zookeeper"));
        assertThat(schemas.problems(pool)).singleElement().asString().contains("/spec/roles/0");
    }

    /** The first resource of the kind, changed by {@code change} on a copy. */
    private static Resource changed(String kind, java.util.function.Consumer<ObjectNode> change) {
        Resource original = MANIFESTS.ofKind(kind).get(0);
        ObjectNode copy = original.node().deepCopy();
        change.accept(copy);
        return new Resource(original.file(), copy);
    }
}
