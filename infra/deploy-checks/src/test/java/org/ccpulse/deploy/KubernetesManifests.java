package org.ccpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * infra/kubernetes as kustomize reads it, without kustomize: the kustomization, the resources it lists (one
 * YAML document each) and the files behind each generated ConfigMap, resolved against the repository.
 */
record KubernetesManifests(
        Path root, Path dir, JsonNode kustomization, List<Resource> resources, Map<String, List<Path>> configMaps) {

    /** One document of a resource file. */
    record Resource(String file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file + ")";
        }
    }

    static KubernetesManifests load(Path root) {
        Path dir = root.resolve("infra/kubernetes");
        JsonNode kustomization = readOne(dir.resolve("kustomization.yaml"));
        List<Resource> resources = new ArrayList<>();
        for (JsonNode file : kustomization.path("resources")) {
            for (JsonNode node : readAll(dir.resolve(file.asText()))) {
                resources.add(new Resource(file.asText(), node));
            }
        }
        Map<String, List<Path>> configMaps = new LinkedHashMap<>();
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            List<Path> files = new ArrayList<>();
            // "key=path" names the key; otherwise the key is the file's name
            generator
                    .path("files")
                    .forEach(f -> files.add(
                            dir.resolve(f.asText().replaceFirst("^[^=]*=", "")).normalize()));
            configMaps.put(generator.path("name").asText(), files);
        }
        return new KubernetesManifests(root, dir, kustomization, resources, configMaps);
    }

    List<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    Optional<Resource> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Every container (init containers too) of every workload, wherever its pod template is. */
    void forEachContainer(ContainerVisitor visitor) {
        for (Resource resource : resources) {
            walk(resource.node(), "", (path, node) -> {
                if (node.isArray() && (path.endsWith("/containers") || path.endsWith("/initContainers"))) {
                    node.forEach(container -> visitor.visit(resource, path, container));
                }
            });
        }
    }

    interface ContainerVisitor {
        void visit(Resource resource, String path, JsonNode container);
    }

    /** Calls {@code visit} with every node and its path of field names ({@code /spec/template/spec}). */
    static void walk(JsonNode node, String path, java.util.function.BiConsumer<String, JsonNode> visit) {
        visit.accept(path, node);
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> walk(e.getValue(), path + "/" + e.getKey(), visit));
        } else if (node.isArray()) {
            node.forEach(element -> walk(element, path, visit));
        }
    }

    static void forEachText(JsonNode node, Consumer<String> visit) {
        walk(node, "", (path, n) -> {
            if (n.isTextual()) {
                visit.accept(n.asText());
            }
        });
    }

    static JsonNode readOne(Path file) {
        List<JsonNode> documents = readAll(file);
        return documents.isEmpty() ? DeployFiles.JSON.createObjectNode() : documents.get(0);
    }

    static List<JsonNode> readAll(Path file) {
        return DeployFiles.yamlDocuments(file);
    }
}
