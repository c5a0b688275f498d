package org.ccpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Where the repository is, and its YAML files as JSON trees. */
final class DeployFiles {

    static final ObjectMapper JSON = new ObjectMapper();

    private DeployFiles() {}

    /** The repository's root: the nearest folder up from the working directory that holds infra/deploy-checks. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/deploy-checks/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no infra/deploy-checks above " + Path.of("").toAbsolutePath());
    }

    /**
     * A YAML file as a JSON tree, with anchors, aliases and merge keys resolved as Compose and Kubernetes resolve
     * them (SnakeYAML, which jackson-dataformat-yaml leaves aliases to, would otherwise keep them unresolved).
     */
    static JsonNode yaml(Path file) throws IOException {
        return yaml(Files.readString(file));
    }

    static JsonNode yaml(String text) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        return JSON.valueToTree(document);
    }

    /** Every document of a YAML file that is a mapping (Kubernetes files hold several, separated by ---). */
    static List<JsonNode> yamlDocuments(Path file) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
                if (document instanceof Map) {
                    documents.add(JSON.valueToTree(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
