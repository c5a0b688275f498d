package org.ccpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ccpulse.jobs.CcpulseMain;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.Topic;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Checks the Compose stack (infra/compose) without Docker: {@link #problems} lists, one sentence each, what would
 * make {@code docker compose up} fail or bring up something that does not work; none means the files agree with the
 * Compose Specification, with each other, with the files they refer to and with the jobs' code.
 *
 * <p>Values are taken as Compose would interpolate them with {@code .env.example} as the {@code .env}.
 */
final class ComposeCheck {

    static final String COMPOSE = "infra/compose/compose.yaml";
    static final String ENV_EXAMPLE = "infra/compose/.env.example";

    /** Shared with the Kubernetes manifests: the image and where it keeps the job jar and the configuration. */
    static final String CCPULSE_IMAGE = "ccpulse/ccpulse:0.1.0";

    static final String JOB_JAR = "/opt/flink/usrlib/ccpulse-jobs.jar";
    static final String JOB_CONFIG = "/opt/ccpulse/ccpulse.yaml";

    /** Partitions of the input topics, as infra/local creates them (LocalRun.INPUT_PARTITIONS); outputs get 1. */
    static final int INPUT_PARTITIONS = 3;

    /** The environment the ClickHouse init script (clickhouse/initdb) creates its users from. */
    static final String WRITER_USER = "CCPULSE_CLICKHOUSE_WRITER_USER";

    static final String WRITER_PASSWORD = "CCPULSE_CLICKHOUSE_WRITER_PASSWORD";
    static final String GRAFANA_USER = "CCPULSE_CLICKHOUSE_GRAFANA_USER";
    static final String GRAFANA_PASSWORD = "CCPULSE_CLICKHOUSE_GRAFANA_PASSWORD";

    private static final String PROVISIONING = "dashboards/provisioning";
    private static final String GRAFANA_PROVISIONING = "/etc/grafana/provisioning";

    /** Compose's interpolation: {@code $$}, {@code ${NAME}}, {@code ${NAME:-default}} and the like, {@code $NAME}. */
    private static final Pattern COMPOSE_VARIABLE =
            Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Grafana's expansion in provisioning files ({@code $VAR}, {@code ${VAR}}, {@code $$} a literal $). */
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\$|\\$\\{?([A-Z][A-Z0-9_]*)}?");

    private static final Pattern ENV_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    private final Path root;
    private final Path composeDir;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> dotEnv = new LinkedHashMap<>();
    private JsonNode services;

    private ComposeCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.composeDir = this.root.resolve(COMPOSE).getParent();
    }

    /** What is wrong with the Compose stack of the repository at {@code root}; empty when nothing is. */
    static List<String> problems(Path root) {
        ComposeCheck check = new ComposeCheck(root);
        try {
            check.run();
        } catch (IOException e) {
            check.problems.add("cannot read: " + e);
        }
        return check.problems;
    }

    private void run() throws IOException {
        JsonNode compose;
        try {
            compose = DeployFiles.yaml(root.resolve(COMPOSE));
        } catch (RuntimeException e) {
            problems.add(COMPOSE + " does not parse: " + e.getMessage());
            return;
        }
        services = compose.path("services");
        readEnvExample();
        schema(compose);
        variables(compose);
        images(compose);
        files(compose);
        dependencies();
        imageCommands();
        topics();
        jobs();
        clickHouseUsers();
        grafana();
    }

    // --- (a) the Compose Specification -------------------------------------------------------------------------

    private void schema(JsonNode compose) throws IOException {
        ObjectNode schemaNode;
        try (InputStream in = ComposeCheck.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            schemaNode = (ObjectNode) DeployFiles.JSON.readTree(in);
        }
        // Its "$schema" is draft-07 under an address the validator does not know (and would try to download), its
        // "$id" a bare file name, which is no base IRI; its references are all within the file.
        schemaNode.remove("$schema");
        schemaNode.remove("$id");
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(schemaNode.toString(), InputFormat.JSON);
        for (Error error : schema.validate(compose.toString(), InputFormat.JSON)) {
            problems.add(COMPOSE + " does not follow the Compose Specification: " + error.getInstanceLocation() + " "
                    + error.getMessage());
        }
    }

    // --- (e) .env.example --------------------------------------------------------------------------------------

    private void readEnvExample() throws IOException {
        Path ignore = composeDir.resolve(".gitignore");
        if (!Files.isRegularFile(ignore) || !Files.readAllLines(ignore).contains(".env")) {
            problems.add(relative(ignore) + " does not ignore .env, the file with the real passwords");
        }
        Path file = root.resolve(ENV_EXAMPLE);
        if (!Files.isRegularFile(file)) {
            problems.add(ENV_EXAMPLE + " is missing");
            return;
        }
        boolean documented = false;
        for (String line : Files.readAllLines(file)) {
            String text = line.strip();
            if (text.startsWith("#")) {
                documented = true;
            } else if (text.isEmpty()) {
                documented = false;
            } else {
                Matcher m = ENV_LINE.matcher(text);
                if (!m.matches()) {
                    problems.add(ENV_EXAMPLE + ": not NAME=value: " + text);
                    continue;
                }
                if (!documented) {
                    problems.add(ENV_EXAMPLE + ": " + m.group(1) + " has no comment above it saying what it is");
                }
                if (m.group(2).isEmpty()) {
                    problems.add(ENV_EXAMPLE + ": " + m.group(1) + " has no placeholder value");
                }
                dotEnv.put(m.group(1), m.group(2));
            }
        }
    }

    /** Every variable the compose file needs without a default is in .env.example, and nothing there is unused. */
    private void variables(JsonNode compose) {
        Set<String> used = new TreeSet<>();
        for (String text : strings(compose)) {
            Matcher m = COMPOSE_VARIABLE.matcher(text);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(4);
                if (name == null) {
                    continue; // $$
                }
                used.add(name);
                String operator = m.group(2);
                boolean hasDefault = operator != null && operator.endsWith("-");
                if (!hasDefault && !dotEnv.containsKey(name)) {
                    problems.add(COMPOSE + " uses ${" + name + "} without a default, and " + ENV_EXAMPLE
                            + " does not define it");
                }
            }
        }
        for (String name : dotEnv.keySet()) {
            if (!used.contains(name)) {
                problems.add(ENV_EXAMPLE + " defines " + name + ", which " + COMPOSE + " does not use");
            }
        }
    }

    /** {@code text} as Compose interpolates it from .env.example; an unset variable is empty. */
    String interpolate(String text) {
        Matcher m = COMPOSE_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1) == null && m.group(4) == null) {
                value = "$";
            } else if (m.group(4) != null) {
                value = dotEnv.getOrDefault(m.group(4), "");
            } else {
                String name = m.group(1);
                String operator = m.group(2) == null ? "" : m.group(2);
                String set = dotEnv.get(name);
                boolean present = operator.startsWith(":") ? set != null && !set.isEmpty() : set != null;
                value = switch (operator) {
                    case ":-", "-" -> present ? set : m.group(3);
                    case ":+", "+" -> present ? m.group(3) : "";
                    default -> set == null ? "" : set;
                };
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    // --- image pins --------------------------------------------------------------------------------------------

    /** Every third-party image comes from x-images, every tag is a version, the Dockerfile agrees. */
    private void images(JsonNode compose) throws IOException {
        Set<String> pinned = new LinkedHashSet<>();
        compose.path("x-images").forEach(image -> pinned.add(image.asText()));
        for (String image : pinned) {
            // name:tag, name@digest, plugin@version; a full version (1.2.3), not a moving tag such as 25.8 or latest
            String name = image.substring(image.lastIndexOf('/') + 1);
            String version = name.contains("@")
                    ? name.substring(name.indexOf('@') + 1)
                    : name.contains(":") ? name.substring(name.indexOf(':') + 1) : "";
            if (!version.matches("sha256:[0-9a-f]{64}|[0-9]+\\.[0-9]+\\.[0-9]+([.-][A-Za-z0-9_.-]+)?")) {
                problems.add(COMPOSE + ": x-images " + image + " is not pinned to a version");
            }
        }
        forEachService((name, service) -> {
            String image = service.path("image").asText();
            if (!image.equals(CCPULSE_IMAGE) && !pinned.contains(image)) {
                problems.add("service " + name + ": image " + image + " is not one of x-images (versions are pinned"
                        + " there only) nor " + CCPULSE_IMAGE);
            }
        });
        JsonNode builder = null;
        for (var service : services.properties()) {
            if (service.getValue().has("build")) {
                builder = service.getValue();
                if (!service.getValue().path("image").asText().equals(CCPULSE_IMAGE)) {
                    problems.add("service " + service.getKey() + " builds an image not tagged " + CCPULSE_IMAGE);
                }
            }
        }
        if (builder == null) {
            problems.add(COMPOSE + ": no service builds " + CCPULSE_IMAGE);
            return;
        }
        Path dockerfile = dockerfile(builder.path("build"));
        if (!Files.isRegularFile(dockerfile)) {
            return; // reported by files()
        }
        Map<String, String> argDefaults = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dockerfile)) {
            Matcher m =
                    Pattern.compile("ARG\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S+)").matcher(line.strip());
            if (m.matches()) {
                argDefaults.put(m.group(1), m.group(2));
            }
        }
        builder.path("build").path("args").properties().forEach(arg -> {
            String passed = interpolate(arg.getValue().asText());
            String fallback = argDefaults.get(arg.getKey());
            if (fallback == null) {
                problems.add(relative(dockerfile) + " has no ARG " + arg.getKey() + " with a default, which " + COMPOSE
                        + " passes");
            } else if (!fallback.equals(passed)) {
                problems.add(relative(dockerfile) + ": ARG " + arg.getKey() + " defaults to " + fallback + " but "
                        + COMPOSE + " pins " + passed);
            }
        });
        Set<String> provided = imagePaths(builder.path("build"));
        for (String path : List.of(JOB_JAR, JOB_CONFIG)) {
            if (!provided.contains(path)) {
                problems.add(relative(dockerfile) + " does not put anything at " + path);
            }
        }
    }

    // --- (b) every file it refers to ---------------------------------------------------------------------------

    private void files(JsonNode compose) throws IOException {
        Set<String> declaredVolumes = new TreeSet<>();
        compose.path("volumes").properties().forEach(v -> declaredVolumes.add(v.getKey()));
        Set<String> usedVolumes = new TreeSet<>();
        forEachService((name, service) -> {
            for (Mount mount : mounts(service)) {
                if (mount.named()) {
                    usedVolumes.add(mount.source());
                    if (!declaredVolumes.contains(mount.source())) {
                        problems.add("service " + name + " mounts volume " + mount.source()
                                + ", which the top-level volumes do not declare");
                    }
                } else if (!Files.exists(mount.path())) {
                    problems.add("service " + name + " mounts " + relative(mount.path()) + ", which does not exist");
                }
            }
            JsonNode envFiles = service.path("env_file");
            for (JsonNode envFile : envFiles.isArray() ? envFiles : List.of(envFiles)) {
                String file = envFile.isObject() ? envFile.path("path").asText() : envFile.asText();
                if (!file.isEmpty() && !Files.isRegularFile(composeDir.resolve(interpolate(file)))) {
                    problems.add("service " + name + " reads env_file " + file + ", which does not exist");
                }
            }
            if (service.has("build")) {
                buildFiles(name, service.path("build"));
            }
        });
        declaredVolumes.removeAll(usedVolumes);
        declaredVolumes.forEach(v -> problems.add(COMPOSE + " declares volume " + v + ", which no service mounts"));
    }

    private void buildFiles(String name, JsonNode build) {
        Path context = context(build);
        Path dockerfile = dockerfile(build);
        if (!Files.isDirectory(context)) {
            problems.add("service " + name + " builds from " + relative(context) + ", which is not a folder");
            return;
        }
        if (!Files.isRegularFile(dockerfile)) {
            problems.add("service " + name + " builds with " + relative(dockerfile) + ", which does not exist");
            return;
        }
        for (Copy copy : copies(dockerfile)) {
            if (copy.fromStage()) {
                continue;
            }
            for (String source : copy.sources()) {
                if (!source.contains("*") && !Files.exists(context.resolve(source))) {
                    problems.add(relative(dockerfile) + " copies " + source + ", which the build context "
                            + relative(context) + " does not hold");
                }
            }
        }
    }

    // --- start order and health --------------------------------------------------------------------------------

    /** What depends_on waits for exists: a healthcheck, an end; every service that publishes a port has one. */
    private void dependencies() {
        forEachService((name, service) -> {
            service.path("depends_on").properties().forEach(dependency -> {
                JsonNode other = services.path(dependency.getKey());
                String condition = dependency.getValue().path("condition").asText();
                if (other.isMissingNode()) {
                    problems.add("service " + name + " depends on " + dependency.getKey() + ", which is not a service");
                } else if (condition.equals("service_healthy") && !other.has("healthcheck")) {
                    problems.add("service " + name + " waits for " + dependency.getKey()
                            + " to be healthy, but it has no healthcheck");
                } else if (condition.equals("service_completed_successfully")
                        && !other.path("restart").asText("no").equals("no")) {
                    problems.add("service " + name + " waits for " + dependency.getKey()
                            + " to complete, but it is restarted (restart: "
                            + other.path("restart").asText() + ")");
                }
            });
            for (JsonNode port : service.path("ports")) {
                String published = port.isObject() ? port.path("host_ip").asText() + ":" : port.asText();
                if (!published.startsWith("127.0.0.1:")) {
                    problems.add("service " + name + " publishes " + port + " on every interface, not 127.0.0.1");
                }
            }
            if (service.has("ports") && !service.has("healthcheck")) {
                problems.add("service " + name + " publishes a port but has no healthcheck");
            }
        });
    }

    /** A service of the ccpulse image that starts a program by its path starts one the image (or a mount) has. */
    private void imageCommands() {
        forEachService((name, service) -> {
            List<String> command = words(service.path("command"));
            if (service.path("image").asText().equals(CCPULSE_IMAGE)
                    && !command.isEmpty()
                    && command.get(0).startsWith("/")
                    && !mountedOrInImage(name, command.get(0))) {
                problems.add("service " + name + " runs " + command.get(0) + ", which is neither in the image nor"
                        + " mounted");
            }
        });
    }

    // --- (d) topics and the jobs -------------------------------------------------------------------------------

    /** The topics the one-shot creates, against the names and partitions the jobs use. */
    private void topics() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        Topic.ALL.forEach(topic -> expected.put(topic.name(), INPUT_PARTITIONS));
        expected.put(DeadLetterSinks.TOPIC, 1);
        OutputTopic.ALL.forEach(topic -> expected.put(topic.name(), 1));

        Map<String, Integer> created = new LinkedHashMap<>();
        boolean found = false;
        for (var service : services.properties()) {
            List<String> entrypoint = words(service.getValue().path("entrypoint"));
            if (entrypoint.stream().noneMatch(word -> word.endsWith("create-topics.sh"))) {
                continue;
            }
            found = true;
            for (String word : words(service.getValue().path("command"))) {
                Matcher m = Pattern.compile("([^:]+):(\\d+)").matcher(word);
                if (m.matches()) {
                    created.put(m.group(1), Integer.parseInt(m.group(2)));
                } else {
                    problems.add("service " + service.getKey() + ": " + word + " is not TOPIC:PARTITIONS");
                }
            }
        }
        if (!found) {
            problems.add(COMPOSE + ": no service runs create-topics.sh, so no topic is created");
            return;
        }
        expected.forEach((topic, partitions) -> {
            Integer got = created.get(topic);
            if (got == null) {
                problems.add("topic '" + topic + "' is not created, but the jobs use it");
            } else if (got != partitions) {
                problems.add("topic '" + topic + "' is created with " + got + " partitions, expected " + partitions);
            }
        });
        created.keySet().stream()
                .filter(topic -> !expected.containsKey(topic))
                .forEach(topic -> problems.add("topic '" + topic + "' is created, but no job reads or writes it"));
    }

    /** The JobManager runs CcpulseMain with options it accepts and the environment it reads; so does the migrator. */
    private void jobs() {
        boolean found = false;
        for (var entry : services.properties()) {
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            List<String> command = words(service.path("command"));
            int classOption = command.indexOf("--job-classname");
            if (command.stream().anyMatch(word -> word.endsWith("ccpulse-migrate"))) {
                clickHouseAccess(name, service);
            }
            if (classOption < 0 || classOption + 1 >= command.size()) {
                continue;
            }
            if (!command.get(classOption + 1).equals(CcpulseMain.class.getName())) {
                problems.add("service " + name + " runs " + command.get(classOption + 1) + ", not "
                        + CcpulseMain.class.getName());
                continue;
            }
            found = true;
            if (!service.path("image").asText().equals(CCPULSE_IMAGE)) {
                problems.add("service " + name + " runs the jobs from "
                        + service.path("image").asText() + ", which does not hold " + JOB_JAR);
            }
            List<String> args = command.subList(classOption + 2, command.size());
            Map<String, String> env = environment(service);
            parseJobArguments(name, args, env);
            clickHouseAccess(name, service);
        }
        if (!found) {
            problems.add(COMPOSE + ": no service runs " + CcpulseMain.class.getName() + " (--job-classname)");
        }
    }

    private void parseJobArguments(String service, List<String> args, Map<String, String> env) {
        CcpulseMain main;
        try {
            Constructor<CcpulseMain> constructor =
                    CcpulseMain.class.getDeclaredConstructor(Map.class, PrintStream.class);
            constructor.setAccessible(true);
            main = constructor.newInstance(env, System.err);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CcpulseMain's constructor changed; adapt ComposeCheck", e);
        }
        CommandLine.ParseResult parsed;
        try {
            parsed = new CommandLine(main).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            problems.add("service " + service + ": the jobs refuse their arguments: " + e.getMessage());
            return;
        }
        // The brokers' default is an environment variable: the container's, not this JVM's.
        if (!parsed.hasMatchedOption("--bootstrap-servers")) {
            String variable = bootstrapVariable();
            String brokers = env.get(variable);
            if (brokers == null || brokers.isBlank()) {
                problems.add("service " + service + " sets neither --bootstrap-servers nor " + variable);
            } else {
                checkBrokers(service, brokers);
            }
        } else {
            checkBrokers(service, String.valueOf((Object)
                    parsed.matchedOption("--bootstrap-servers").getValue()));
        }
        if (parsed.hasMatchedOption("--config")) {
            String config =
                    String.valueOf((Object) parsed.matchedOption("--config").getValue());
            if (!mountedOrInImage(service, config)) {
                problems.add("service " + service + ": --config " + config + " is neither mounted nor in the image");
            }
        }
    }

    /** The environment variable CcpulseMain reads the brokers from (its --bootstrap-servers default). */
    private static String bootstrapVariable() {
        for (var field : CcpulseMain.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null && List.of(option.names()).contains("--bootstrap-servers")) {
                Matcher m = Pattern.compile("\\$\\{env:([A-Z0-9_]+)}").matcher(option.defaultValue());
                if (m.matches()) {
                    return m.group(1);
                }
            }
        }
        throw new IllegalStateException("CcpulseMain's --bootstrap-servers has no ${env:...} default any more");
    }

    /** Each broker address is one the Kafka service advertises. */
    private void checkBrokers(String service, String brokers) {
        Set<String> advertised = new TreeSet<>();
        forEachService((name, other) -> {
            String listeners = environment(other).getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
            for (String listener : listeners.split(",")) {
                if (listener.contains("://")) {
                    advertised.add(
                            listener.substring(listener.indexOf("://") + 3).strip());
                }
            }
        });
        for (String broker : brokers.split(",")) {
            if (!advertised.contains(broker.strip())) {
                problems.add("service " + service + " reads Kafka at " + broker.strip()
                        + ", which no Kafka service advertises " + advertised);
            }
        }
    }

    /** ClickHouse as the job (and the migrator) take it from their environment: the ClickHouse service, the writer. */
    private void clickHouseAccess(String name, JsonNode service) {
        ClickHouseAccess access = ClickHouseAccess.fromEnvironment(environment(service));
        URI url = URI.create(access.url());
        JsonNode clickHouse = services.path(url.getHost());
        if (!clickHouse.path("image").asText().startsWith("clickhouse/")) {
            problems.add("service " + name + " reaches ClickHouse at " + access.url() + ", which is not the ClickHouse"
                    + " service");
        } else if (url.getPort() != 8123) {
            problems.add("service " + name + " reaches ClickHouse on port " + url.getPort() + ", not HTTP's 8123");
        }
        Map<String, String> server = environment(clickHouse);
        if (!access.user().equals(server.get(WRITER_USER))) {
            problems.add("service " + name + " logs in to ClickHouse as '" + access.user() + "', not as the writer '"
                    + server.get(WRITER_USER) + "' that the ClickHouse service creates");
        }
        if (access.password().isEmpty() || !access.password().equals(server.get(WRITER_PASSWORD))) {
            problems.add("service " + name + " does not use the writer's password (" + WRITER_PASSWORD + ")");
        }
    }

    // --- ClickHouse users --------------------------------------------------------------------------------------

    /** The init script is mounted and creates its users from the variables the ClickHouse service sets. */
    private void clickHouseUsers() throws IOException {
        JsonNode clickHouse = null;
        String name = null;
        for (var entry : services.properties()) {
            if (entry.getValue().path("image").asText().startsWith("clickhouse/")) {
                clickHouse = entry.getValue();
                name = entry.getKey();
            }
        }
        if (clickHouse == null) {
            problems.add(COMPOSE + ": no ClickHouse service");
            return;
        }
        Map<String, String> env = environment(clickHouse);
        List<Mount> scripts = mounts(clickHouse).stream()
                .filter(m -> !m.named() && m.target().startsWith("/docker-entrypoint-initdb.d/"))
                .toList();
        if (scripts.isEmpty()) {
            problems.add("service " + name + " mounts no init script into /docker-entrypoint-initdb.d");
        }
        for (Mount script : scripts) {
            if (!Files.isRegularFile(script.path())) {
                continue; // reported by files()
            }
            String text = Files.readString(script.path());
            for (String variable : List.of(WRITER_USER, WRITER_PASSWORD, GRAFANA_USER, GRAFANA_PASSWORD)) {
                if (!text.contains("${" + variable)) {
                    problems.add(relative(script.path()) + " does not read " + variable);
                }
                if (env.getOrDefault(variable, "").isEmpty()) {
                    problems.add("service " + name + " does not set " + variable + " for its init script");
                }
            }
        }
    }

    // --- (c) Grafana -------------------------------------------------------------------------------------------

    private void grafana() throws IOException {
        String name = null;
        JsonNode grafana = null;
        for (var entry : services.properties()) {
            if (entry.getValue().path("image").asText().startsWith("grafana/grafana")) {
                name = entry.getKey();
                grafana = entry.getValue();
            }
        }
        if (grafana == null) {
            problems.add(COMPOSE + ": no Grafana service");
            return;
        }
        List<Mount> mounts = mounts(grafana).stream().filter(m -> !m.named()).toList();
        Path provisioning = root.resolve(PROVISIONING);
        Map<String, String> env = environment(grafana);

        // Grafana logs in as the read-only user the ClickHouse service creates, with its password.
        for (var entry : services.properties()) {
            if (entry.getValue().path("image").asText().startsWith("clickhouse/")) {
                Map<String, String> server = environment(entry.getValue());
                for (String variable : List.of(GRAFANA_USER, GRAFANA_PASSWORD)) {
                    if (!env.getOrDefault(variable, "").equals(server.getOrDefault(variable, ""))) {
                        problems.add("service " + name + " sets " + variable + " to another value than service "
                                + entry.getKey() + ", which creates the read-only user from it");
                    }
                }
            }
        }

        // Every provisioning file of the repository is mounted, where Grafana looks for its kind.
        List<Path> repoFiles;
        try (Stream<Path> walk = Files.walk(provisioning)) {
            repoFiles = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : repoFiles) {
            if (mounts.stream().noneMatch(m -> file.startsWith(m.path()))) {
                problems.add(relative(file) + " is not mounted into Grafana (service " + name + ")");
            }
        }
        for (Mount mount : mounts) {
            if (mount.path().startsWith(provisioning)) {
                String expected = GRAFANA_PROVISIONING + "/"
                        + provisioning.relativize(mount.path()).toString().replace('\\', '/');
                if (!mount.target().equals(expected)) {
                    problems.add("service " + name + " mounts " + relative(mount.path()) + " at " + mount.target()
                            + ", not at " + expected + " where Grafana reads it");
                }
            }
        }

        // What the mounted files need: the dashboard folders, the variables, the datasource plugins.
        List<Path> mountedFiles = new ArrayList<>();
        for (Mount mount : mounts) {
            if (mount.path().startsWith(provisioning) && Files.exists(mount.path())) {
                try (Stream<Path> walk = Files.walk(mount.path())) {
                    walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".yaml"))
                            .forEach(mountedFiles::add);
                }
            }
        }
        int providers = 0;
        for (Path file : mountedFiles) {
            JsonNode yaml = DeployFiles.yaml(file);
            for (JsonNode provider : yaml.path("providers")) {
                providers++;
                dashboardFolder(
                        name, file, provider.path("options").path("path").asText(), mounts);
            }
            for (JsonNode datasource : yaml.path("datasources")) {
                datasource(name, file, datasource, env);
            }
            for (String text : strings(yaml)) {
                Matcher m = GRAFANA_VARIABLE.matcher(text);
                while (m.find()) {
                    if (m.group(1) != null && env.getOrDefault(m.group(1), "").isEmpty()) {
                        problems.add(relative(file) + " uses ${" + m.group(1) + "}, which Grafana's environment"
                                + " (service " + name + ") does not set");
                    }
                }
            }
        }
        if (providers == 0) {
            problems.add("no mounted provisioning file of Grafana has a dashboard provider, so no dashboard loads");
        }
    }

    /** The provider's folder lies in a mount of a repository folder that holds dashboards. */
    private void dashboardFolder(String service, Path file, String path, List<Mount> mounts) throws IOException {
        for (Mount mount : mounts) {
            if (path.equals(mount.target()) || path.startsWith(mount.target() + "/")) {
                Path folder = mount.path()
                        .resolve(path.substring(mount.target().length()).replaceFirst("^/", ""));
                boolean hasDashboards = false;
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> walk = Files.walk(folder)) {
                        hasDashboards = walk.anyMatch(f -> f.toString().endsWith(".json"));
                    }
                }
                if (!hasDashboards) {
                    problems.add(relative(file) + " loads dashboards from " + path + ", mounted from "
                            + relative(folder) + ", which holds no dashboard");
                }
                return;
            }
        }
        problems.add(relative(file) + " loads dashboards from " + path + ", which nothing is mounted at in service "
                + service);
    }

    /** A provisioned datasource's plugin is installed, and its host is a service. */
    private void datasource(String service, Path file, JsonNode datasource, Map<String, String> env) {
        String type = datasource.path("type").asText();
        if (type.endsWith("-datasource")) {
            Set<String> plugins = new TreeSet<>();
            for (String variable :
                    List.of("GF_PLUGINS_PREINSTALL_SYNC", "GF_PLUGINS_PREINSTALL", "GF_INSTALL_PLUGINS")) {
                for (String plugin : env.getOrDefault(variable, "").split(",")) {
                    plugins.add(plugin.strip().replaceFirst("@.*", ""));
                }
            }
            if (!plugins.contains(type)) {
                problems.add(relative(file) + " provisions a " + type + " datasource, but service " + service
                        + " does not install that plugin");
            }
        }
        String host = grafanaExpand(datasource.path("jsonData").path("host").asText(), env);
        if (!host.isEmpty() && !services.has(host)) {
            problems.add(relative(file) + ": datasource host " + host + " is not a service");
        }
    }

    private static String grafanaExpand(String text, Map<String, String> env) {
        Matcher m = GRAFANA_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) == null ? "$" : env.getOrDefault(m.group(1), "");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    // --- reading the compose file and the Dockerfile -----------------------------------------------------------

    /** A volume of a service: a named volume, or a file or folder of the host (path relative to compose.yaml). */
    record Mount(String source, Path path, String target) {
        boolean named() {
            return path == null;
        }
    }

    private List<Mount> mounts(JsonNode service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service.path("volumes")) {
            String source;
            String target;
            if (volume.isObject()) {
                source = interpolate(volume.path("source").asText());
                target = volume.path("target").asText();
            } else {
                String[] parts = interpolate(volume.asText()).split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : parts[0];
            }
            boolean bind = source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
            mounts.add(new Mount(source, bind ? composeDir.resolve(source).normalize() : null, target));
        }
        return mounts;
    }

    /** A service's environment as the container gets it (map or KEY=VALUE list), interpolated. */
    private Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new TreeMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode item : environment) {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : dotEnv.getOrDefault(kv[0], ""));
            }
        } else {
            environment
                    .properties()
                    .forEach(e -> env.put(
                            e.getKey(),
                            e.getValue().isNull()
                                    ? ""
                                    : interpolate(e.getValue().asText())));
        }
        return env;
    }

    private Path context(JsonNode build) {
        return composeDir
                .resolve(interpolate(
                        build.isTextual()
                                ? build.asText()
                                : build.path("context").asText(".")))
                .normalize();
    }

    private Path dockerfile(JsonNode build) {
        return context(build)
                .resolve(build.path("dockerfile").asText("Dockerfile"))
                .normalize();
    }

    record Copy(List<String> sources, String destination, boolean fromStage) {}

    /** The COPY and ADD instructions of a Dockerfile (one per line, flags dropped). */
    private static List<Copy> copies(Path dockerfile) {
        List<Copy> copies = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dockerfile)) {
                List<String> words = new ArrayList<>(List.of(line.strip().split("\\s+")));
                if (words.isEmpty()
                        || !(words.get(0).equals("COPY") || words.get(0).equals("ADD"))) {
                    continue;
                }
                words.remove(0);
                boolean fromStage = words.stream().anyMatch(w -> w.startsWith("--from="));
                words.removeIf(w -> w.startsWith("--"));
                if (words.size() >= 2) {
                    copies.add(new Copy(words.subList(0, words.size() - 1), words.get(words.size() - 1), fromStage));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copies;
    }

    /** The paths the image built from {@code build} has (copied files, and files copied into a folder). */
    private Set<String> imagePaths(JsonNode build) {
        Set<String> paths = new TreeSet<>();
        Path dockerfile = dockerfile(build);
        if (!Files.isRegularFile(dockerfile)) {
            return paths;
        }
        for (Copy copy : copies(dockerfile)) {
            String destination = copy.destination();
            paths.add(destination.replaceFirst("/$", ""));
            if (destination.endsWith("/")) {
                copy.sources().forEach(s -> paths.add(destination + Path.of(s).getFileName()));
            }
        }
        return paths;
    }

    private boolean mountedOrInImage(String service, String path) {
        JsonNode node = services.path(service);
        if (mounts(node).stream().anyMatch(m -> path.equals(m.target()) || path.startsWith(m.target() + "/"))) {
            return true;
        }
        for (var entry : services.properties()) {
            JsonNode other = entry.getValue();
            if (other.has("build")
                    && other.path("image").asText().equals(node.path("image").asText())) {
                return imagePaths(other.path("build")).contains(path);
            }
        }
        return false;
    }

    /** A command or entrypoint as words (a list, or a string split on blanks), interpolated. */
    private List<String> words(JsonNode command) {
        List<String> words = new ArrayList<>();
        if (command.isArray()) {
            command.forEach(word -> words.add(interpolate(word.asText())));
        } else if (command.isTextual()) {
            words.addAll(List.of(interpolate(command.asText()).strip().split("\\s+")));
        }
        return words;
    }

    private interface ServiceAction {
        void accept(String name, JsonNode service);
    }

    private void forEachService(ServiceAction action) {
        services.properties().forEach(e -> action.accept(e.getKey(), e.getValue()));
    }

    /** Every string value in a tree (keys excluded). */
    private static List<String> strings(JsonNode node) {
        List<String> strings = new ArrayList<>();
        if (node.isTextual()) {
            strings.add(node.asText());
        }
        node.forEach(child -> strings.addAll(strings(child)));
        return strings;
    }

    private String relative(Path path) {
        String relative =
                root.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }
}
