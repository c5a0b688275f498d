package org.ccpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
