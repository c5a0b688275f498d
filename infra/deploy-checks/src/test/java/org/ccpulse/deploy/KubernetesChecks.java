package org.ccpulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.ConfigOption;
import org.ccpulse.deploy.KubernetesManifests.Resource;
import org.ccpulse.jobs.CcpulseMain;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.Topic;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Option;

/**
 * The consistency of infra/kubernetes with the code and the other deployment files: {@link #problems} lists what
 * disagrees, one sentence each, empty when all agrees. What it compares, and with what:
 *
 * <ul>
 *   <li>topics: every topic the jobs read or write (their constants) is a KafkaTopic of the Kafka cluster, with the
 *       partitions the local run creates, and no other;
 *   <li>Kafka: the jobs' bootstrap address is the cluster's bootstrap Service and plain listener; its version is the
 *       clients' (root pom) and the Compose file's broker's, if there is one; transactions may stay open as long as
 *       the jobs' transaction timeout;
 *   <li>the FlinkDeployment: the entry point, the jar, the options CcpulseMain has, Flink's options in its
 *       flinkConfiguration, the configuration file mounted
 *       where --config says, savepoint upgrades, S3 state, Kubernetes HA, the Flink version and the S3 plugin of
 *       the root pom's Flink;
 *   <li>ClickHouse: every CLICKHOUSE_URL and Grafana's host and port name the ClickHouse Service; the users the
 *       jobs, the migrator and Grafana log in as exist, with the grants the embedded server gives them;
 *   <li>generated ConfigMaps: each is mounted, at a path where kustomize renames it to its hashed name;
 *   <li>secrets: every secretKeyRef is a secret and key of secrets.example.yaml, and every documented key is used;
 *   <li>images: untagged in the resources, pinned once in the kustomization, at paths kustomize rewrites; the same
 *       tags as the Compose file's and the Dockerfile's Flink, when those files exist;
 *   <li>Grafana: every file of dashboards/provisioning and dashboards/ccpulse is in a generated ConfigMap mounted
 *       where Grafana (or the dashboard provider) reads it; every ${VAR} they use is in Grafana's environment.
 * </ul>
 */
final class KubernetesChecks {

    static final String JAR = "local:///opt/flink/usrlib/ccpulse-jobs.jar";
    static final String COMPOSE = "infra/compose/compose.yaml";
    /** The output topics have one partition, as the local run creates them (LocalRun: createTopics(1, ...)). */
    static final int OUTPUT_PARTITIONS = 1;

    /** Where kustomize's image transformer looks in any resource (its built-in field specs). */
    private static final Set<String> KUSTOMIZE_IMAGE_PATHS = Set.of(
            "/spec/containers",
            "/spec/initContainers",
            "/spec/template/spec/containers",
            "/spec/template/spec/initContainers",
            "/spec/jobTemplate/spec/template/spec/containers",
            "/spec/jobTemplate/spec/template/spec/initContainers");

    /** Where kustomize renames a generated ConfigMap in the workloads it knows (its built-in name references). */
    private static final Set<String> KUSTOMIZE_CONFIGMAP_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final KubernetesManifests k8s;
    private final Path root;
    private final List<String> problems = new ArrayList<>();

    private KubernetesChecks(KubernetesManifests k8s) {
        this.k8s = k8s;
        this.root = k8s.root();
    }

    /** Everything that disagrees in the repository at {@code root}; empty when all agrees. */
    static List<String> problems(Path root) {
        KubernetesChecks checks = new KubernetesChecks(KubernetesManifests.load(root));
        checks.topics();
        checks.kafka();
        checks.flinkDeployment();
        checks.clickHouse();
        checks.configMapReferences();
        checks.secrets();
        checks.images();
        checks.grafana();
        return List.copyOf(checks.problems);
    }

    private void problem(String format, Object... args) {
        problems.add(String.format(format, args));
    }

    // ---- topics and Kafka ----

    /** The topics the jobs use, by their constants, with the partitions they are created with. */
    static Map<String, Integer> expectedTopics() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        int inputPartitions = constant("org.ccpulse.local.LocalRun", "INPUT_PARTITIONS", Integer.class);
        Topic.ALL.forEach(t -> topics.put(t.name(), inputPartitions));
        topics.put(DeadLetterSinks.TOPIC, OUTPUT_PARTITIONS);
        OutputTopic.ALL.forEach(t -> topics.put(t.name(), OUTPUT_PARTITIONS));
        return topics;
    }

    private Optional<Resource> kafkaCluster() {
        List<Resource> clusters = k8s.ofKind("Kafka");
        if (clusters.size() != 1) {
            problem("expected one Kafka resource, found %d", clusters.size());
            return Optional.empty();
        }
        return Optional.of(clusters.get(0));
    }

    private void topics() {
        String cluster = kafkaCluster().map(Resource::name).orElse("");
        Map<String, Integer> expected = expectedTopics();
        Set<String> declared = new LinkedHashSet<>();
        for (Resource topic : k8s.ofKind("KafkaTopic")) {
            String name = topic.node().path("spec").path("topicName").asText(topic.name());
            declared.add(name);
            if (!expected.containsKey(name)) {
                problem("KafkaTopic %s: the jobs use no topic %s (they use %s)", topic.name(), name, expected.keySet());
                continue;
            }
            int partitions = topic.node().path("spec").path("partitions").asInt(-1);
            if (partitions != expected.get(name)) {
                problem("KafkaTopic %s: %d partitions, the jobs expect %d", name, partitions, expected.get(name));
            }
            String label = strimziCluster(topic);
            if (!label.equals(cluster)) {
                problem(
                        "KafkaTopic %s: label strimzi.io/cluster is '%s', the Kafka cluster is '%s'",
                        name, label, cluster);
            }
        }
        expected.keySet().stream()
                .filter(name -> !declared.contains(name))
                .forEach(name -> problem("topic %s: the jobs use it, but no KafkaTopic creates it", name));
        for (Resource pool : k8s.ofKind("KafkaNodePool")) {
            String label = strimziCluster(pool);
            if (!label.equals(cluster)) {
                problem(
                        "KafkaNodePool %s: label strimzi.io/cluster is '%s', the Kafka cluster is '%s'",
                        pool.name(), label, cluster);
            }
        }
    }

    private void kafka() {
        Optional<Resource> found = kafkaCluster();
        if (found.isEmpty()) {
            return;
        }
        JsonNode kafka = found.get().node().path("spec").path("kafka");
        String version = kafka.path("version").asText();
        composeKafka(version);
        if (!version.equals(pomProperty("kafka.version"))) {
            problem(
                    "Kafka %s: version %s, the jobs' clients are %s (root pom kafka.version)",
                    found.get().name(), version, pomProperty("kafka.version"));
        }
        long maxTimeout = kafka.path("config")
                .path("transaction.max.timeout.ms")
                .asLong(Duration.ofMinutes(15).toMillis());
        if (maxTimeout < DeadLetterSinks.TRANSACTION_TIMEOUT.toMillis()) {
            problem(
                    "Kafka %s: transaction.max.timeout.ms %d is below the jobs' transaction timeout %d",
                    found.get().name(), maxTimeout, DeadLetterSinks.TRANSACTION_TIMEOUT.toMillis());
        }
        Set<String> plainAddresses = new TreeSet<>();
        for (JsonNode listener : kafka.path("listeners")) {
            if (!listener.path("tls").asBoolean(false)
                    && listener.path("authentication").isMissingNode()) {
                plainAddresses.add(found.get().name() + "-kafka-bootstrap:"
                        + listener.path("port").asInt());
            }
        }
        for (Resource flink : k8s.ofKind("FlinkDeployment")) {
            String bootstrap = option(args(flink), "--bootstrap-servers").orElse("");
            if (!plainAddresses.contains(bootstrap)) {
                problem(
                        "%s: --bootstrap-servers '%s' is not the Kafka cluster's plain bootstrap address %s",
                        flink, bootstrap, plainAddresses);
            }
        }
    }

    // ---- the jobs ----

    private static List<String> args(Resource flink) {
        List<String> args = new ArrayList<>();
        flink.node().path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** The value of {@code --name value} or {@code --name=value}. */
    private static Optional<String> option(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith(name + "=")) {
                return Optional.of(args.get(i).substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The keys (and deprecated keys) of the options of Flink's core configuration, {@code org.apache.flink.configuration}
     * in the flink-core jar on this classpath; the keys a FlinkDeployment sets besides them are the S3 file system's
     * ({@code s3.}) and the operator's ({@code kubernetes.operator.}).
     */
    static Set<String> flinkOptionKeys() {
        Set<String> keys = new TreeSet<>();
        Path jar;
        try {
            jar = Path.of(ConfigOption.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            for (String entry :
                    file.stream().map(java.util.jar.JarEntry::getName).toList()) {
                if (!entry.matches("org/apache/flink/configuration/[A-Za-z]+Options\\.class")) {
                    continue;
                }
                Class<?> options = Class.forName(entry.replace('/', '.').replace(".class", ""));
                for (Field field : options.getFields()) {
                    if (java.lang.reflect.Modifier.isStatic(field.getModifiers())
                            && field.get(null) instanceof ConfigOption<?> option) {
                        keys.add(option.key());
                        option.fallbackKeys().forEach(fallback -> keys.add(fallback.getKey()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    /** The option names CcpulseMain declares. */
    static Set<String> ccpulseOptions() {
        Set<String> names = new TreeSet<>();
        for (Field field : CcpulseMain.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                names.addAll(Arrays.asList(option.names()));
            }
        }
        return names;
    }

    private void flinkDeployment() {
        List<Resource> deployments = k8s.ofKind("FlinkDeployment");
        if (deployments.isEmpty()) {
            problem("no FlinkDeployment: the jobs do not run");
        }
        String flinkVersion = pomProperty("flink.version");
        String[] majorMinor = flinkVersion.split("\\.");
        Set<String> options = ccpulseOptions();
        for (Resource flink : deployments) {
            JsonNode spec = flink.node().path("spec");
            JsonNode job = spec.path("job");
            JsonNode conf = spec.path("flinkConfiguration");
            if (!job.path("entryClass").asText().equals(CcpulseMain.class.getName())) {
                problem(
                        "%s: entryClass %s, the jobs' entry point is %s",
                        flink, job.path("entryClass").asText(), CcpulseMain.class.getName());
            }
            if (!job.path("jarURI").asText().equals(JAR)) {
                problem(
                        "%s: jarURI %s, the image holds the job jar at %s",
                        flink, job.path("jarURI").asText(), JAR);
            }
            if (!job.path("upgradeMode").asText().equals("savepoint")) {
                problem(
                        "%s: upgradeMode %s, not savepoint",
                        flink, job.path("upgradeMode").asText());
            }
            String expectedVersion = "v" + majorMinor[0] + "_" + majorMinor[1];
            if (!spec.path("flinkVersion").asText().equals(expectedVersion)) {
                problem(
                        "%s: flinkVersion %s, the jobs are built for Flink %s (%s)",
                        flink, spec.path("flinkVersion").asText(), flinkVersion, expectedVersion);
            }
            for (String key :
                    List.of("state.checkpoints.dir", "state.savepoints.dir", "high-availability.storageDir")) {
                if (!conf.path(key).asText().startsWith("s3://")) {
                    problem(
                            "%s: %s is '%s', not on S3 (s3://...)",
                            flink, key, conf.path(key).asText());
                }
            }
            if (!conf.path("high-availability.type").asText().equals("kubernetes")) {
                problem(
                        "%s: high-availability.type is '%s', not kubernetes",
                        flink, conf.path("high-availability.type").asText());
            }
            Set<String> known = flinkOptionKeys();
            conf.fieldNames().forEachRemaining(key -> {
                if (!known.contains(key) && !key.startsWith("s3.") && !key.startsWith("kubernetes.operator.")) {
                    problem("%s: flinkConfiguration %s is no option of Flink %s", flink, key, flinkVersion);
                }
            });
            String plugin = "flink-s3-fs-presto-" + flinkVersion + ".jar";
            Map<String, JsonNode> env =
                    env(spec.path("podTemplate").path("spec").path("containers").path(0));
            if (!env.getOrDefault("ENABLE_BUILT_IN_PLUGINS", textNode(""))
                    .path("value")
                    .asText()
                    .equals(plugin)) {
                problem(
                        "%s: ENABLE_BUILT_IN_PLUGINS should be %s (the S3 file system of Flink %s)",
                        flink, plugin, flinkVersion);
            }
            List<String> args = args(flink);
            args.stream()
                    .filter(a -> a.startsWith("--"))
                    .map(a -> a.replaceFirst("=.*", ""))
                    .filter(a -> !options.contains(a))
                    .forEach(a -> problem("%s: CcpulseMain has no option %s", flink, a));
            Stream.of("--topic", "--dead-letter-topic", "--complaint-spikes-topic", "--churn-alerts-topic")
                    .filter(name -> option(args, name).isPresent())
                    .forEach(name ->
                            problem("%s: %s renames a topic; the KafkaTopics have the jobs' names", flink, name));
            configFile(flink, option(args, "--config"));
        }
    }

    /** --config names the jobs' configuration, jobs/config/ccpulse.yaml, mounted from its generated ConfigMap. */
    private void configFile(Resource flink, Optional<String> config) {
        Path source = root.resolve("jobs/config/ccpulse.yaml");
        if (config.isEmpty()) {
            problem(
                    "%s: no --config, the jobs would run on the defaults instead of %s",
                    flink, root.relativize(source));
            return;
        }
        Map<String, Path> mounted =
                mountedFiles(flink.node().path("spec").path("podTemplate").path("spec"), 0);
        Path file = mounted.get(config.get());
        if (file == null || !file.equals(source)) {
            problem(
                    "%s: --config %s is not %s mounted from its ConfigMap (mounted: %s)",
                    flink, config.get(), root.relativize(source), mounted.keySet());
        }
    }

    // ---- ClickHouse ----

    private void clickHouse() {
        Map<String, Set<Integer>> services = new LinkedHashMap<>();
        for (Resource service : k8s.ofKind("Service")) {
            Set<Integer> ports = new TreeSet<>();
            service.node()
                    .path("spec")
                    .path("ports")
                    .forEach(p -> ports.add(p.path("port").asInt()));
            services.put(service.name(), ports);
        }
        Map<String, ClickHouseUser> users = clickHouseUsers();
        k8s.forEachContainer((resource, path, container) -> {
            Map<String, JsonNode> env = env(container);
            String who = resource + " container " + container.path("name").asText();
            if (env.containsKey("CLICKHOUSE_URL")) {
                URI url = URI.create(env.get("CLICKHOUSE_URL").path("value").asText());
                serviceAndPort(who, "CLICKHOUSE_URL", url.getHost(), url.getPort(), services);
                user(who, env, "CLICKHOUSE_USER", users, true);
            }
            if (env.containsKey("CCPULSE_CLICKHOUSE_HOST")) {
                serviceAndPort(
                        who,
                        "CCPULSE_CLICKHOUSE_HOST/PORT",
                        env.get("CCPULSE_CLICKHOUSE_HOST").path("value").asText(),
                        env.get("CCPULSE_CLICKHOUSE_PORT").path("value").asInt(-1),
                        services);
                user(who, env, "CCPULSE_CLICKHOUSE_GRAFANA_USER", users, false);
            }
        });
        String fullGrants = constant("org.ccpulse.infra.clickhouse.EngineConfig", "FULL_GRANTS", String.class);
        String database = grafanaDatabase();
        for (ClickHouseUser user : users.values()) {
            String expected =
                    user.readOnly() ? "GRANT SELECT ON " + database + ".*" : "GRANT " + fullGrants + " ON *.*";
            if (!user.grants().equals(List.of(expected))) {
                problem("ClickHouse user %s: grants %s, expected [%s]", user.name(), user.grants(), expected);
            }
        }
    }

    private void serviceAndPort(
            String who, String variable, String host, int port, Map<String, Set<Integer>> services) {
        if (!services.containsKey(host)) {
            problem("%s: %s names host %s, which is no Service (Services: %s)", who, variable, host, services.keySet());
        } else if (!services.get(host).contains(port)) {
            problem("%s: %s names port %d, Service %s has %s", who, variable, port, host, services.get(host));
        }
    }

    private void user(
            String who, Map<String, JsonNode> env, String variable, Map<String, ClickHouseUser> users, boolean writer) {
        String name = env.getOrDefault(variable, textNode("")).path("value").asText();
        ClickHouseUser user = users.get(name);
        if (user == null) {
            problem(
                    "%s: %s is '%s', no user of the ClickHouse configuration (%s)",
                    who, variable, name, users.keySet());
        } else if (user.readOnly() == writer) {
            problem("%s: %s is '%s', a %s user", who, variable, name, user.readOnly() ? "read-only" : "writing");
        }
    }

    record ClickHouseUser(String name, String passwordVariable, boolean readOnly, List<String> grants) {}

    /** The users of the generated users.d file, checked against the ClickHouse container's environment. */
    private Map<String, ClickHouseUser> clickHouseUsers() {
        Map<String, ClickHouseUser> users = new LinkedHashMap<>();
        Path file = k8s.configMaps().getOrDefault("clickhouse-users", List.of()).stream()
                .findFirst()
                .orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            problem("no ClickHouse users file (ConfigMap clickhouse-users)");
            return users;
        }
        Document xml;
        try {
            xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            problem("%s does not parse: %s", root.relativize(file), e.getMessage());
            return users;
        }
        Element usersElement = (Element) xml.getElementsByTagName("users").item(0);
        for (Element user : children(usersElement)) {
            Element password = child(user, "password");
            String profile = textOf(child(user, "profile"));
            List<String> grants = new ArrayList<>();
            Element grantsElement = child(user, "grants");
            if (grantsElement != null) {
                children(grantsElement)
                        .forEach(q -> grants.add(q.getTextContent().strip()));
            }
            String readonly = xml.getElementsByTagName(profile).getLength() > 0
                    ? textOf(child((Element) xml.getElementsByTagName(profile).item(0), "readonly"))
                    : "";
            users.put(
                    user.getTagName(),
                    new ClickHouseUser(
                            user.getTagName(),
                            password == null ? "" : password.getAttribute("from_env"),
                            !readonly.isEmpty() && !readonly.equals("0"),
                            grants));
        }
        Set<String> clickHouseEnv = new TreeSet<>();
        k8s.find("StatefulSet", "clickhouse")
                .ifPresentOrElse(
                        set -> set.node()
                                .path("spec")
                                .path("template")
                                .path("spec")
                                .path("containers")
                                .forEach(c -> clickHouseEnv.addAll(env(c).keySet())),
                        () -> problem("no StatefulSet clickhouse"));
        users.values().stream()
                .filter(u -> u.passwordVariable().isEmpty() || !clickHouseEnv.contains(u.passwordVariable()))
                .forEach(u -> problem(
                        "ClickHouse user %s: password from_env '%s' is not in the ClickHouse container's environment %s",
                        u.name(), u.passwordVariable(), clickHouseEnv));
        return users;
    }

    private String grafanaDatabase() {
        JsonNode datasources =
                KubernetesManifests.readOne(root.resolve("dashboards/provisioning/datasources/clickhouse.yaml"));
        return datasources
                .path("datasources")
                .path(0)
                .path("jsonData")
                .path("defaultDatabase")
                .asText("default");
    }

    // ---- generated ConfigMaps ----

    /**
     * Kustomize names a generated ConfigMap with a hash of its content and renames the references it knows: those of
     * the built-in workloads and those kustomizeconfig.yaml adds (the FlinkDeployment's). A reference elsewhere would
     * name a ConfigMap that does not exist.
     */
    private void configMapReferences() {
        Set<String> configured = new LinkedHashSet<>();
        Path config = k8s.dir().resolve("kustomizeconfig.yaml");
        if (Files.isRegularFile(config)) {
            for (JsonNode reference : KubernetesManifests.readOne(config).path("nameReference")) {
                if (reference.path("kind").asText().equals("ConfigMap")) {
                    reference
                            .path("fieldSpecs")
                            .forEach(spec -> configured.add(spec.path("kind").asText() + ":/"
                                    + spec.path("path").asText()));
                }
            }
        }
        Set<String> referenced = new TreeSet<>();
        for (Resource resource : k8s.resources()) {
            KubernetesManifests.walk(resource.node(), "", (path, node) -> {
                if (!path.endsWith("/volumes") || !node.isObject() || !node.has("configMap")) {
                    return;
                }
                String name = node.path("configMap").path("name").asText();
                String at = path + "/configMap/name";
                referenced.add(name);
                boolean renamed = KUSTOMIZE_CONFIGMAP_KINDS.contains(resource.kind())
                                && at.equals("/spec/template/spec/volumes/configMap/name")
                        || configured.contains(resource.kind() + ":" + at);
                if (k8s.configMaps().containsKey(name) && !renamed) {
                    problem(
                            "%s: kustomize does not rename ConfigMap %s at %s (add it to kustomizeconfig.yaml"
                                    + " nameReference), so the pods would look for a ConfigMap that does not exist",
                            resource, name, at);
                }
            });
        }
        k8s.configMaps().keySet().stream()
                .filter(name -> !referenced.contains(name))
                .forEach(name -> problem("ConfigMap %s is generated, but no resource mounts it", name));
    }

    // ---- secrets ----

    private void secrets() {
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        for (JsonNode secret : KubernetesManifests.readAll(k8s.dir().resolve("secrets.example.yaml"))) {
            Set<String> keys = new TreeSet<>();
            secret.path("stringData").fieldNames().forEachRemaining(keys::add);
            secret.path("data").fieldNames().forEachRemaining(keys::add);
            documented.put(secret.path("metadata").path("name").asText(), keys);
        }
        Map<String, Set<String>> used = new LinkedHashMap<>();
        for (Resource resource : k8s.resources()) {
            KubernetesManifests.walk(resource.node(), "", (path, node) -> {
                if (path.endsWith("/secretKeyRef")) {
                    String name = node.path("name").asText();
                    String key = node.path("key").asText();
                    used.computeIfAbsent(name, n -> new TreeSet<>()).add(key);
                    if (!documented.getOrDefault(name, Set.of()).contains(key)) {
                        problem("%s: secret %s key %s is not in secrets.example.yaml", resource, name, key);
                    }
                }
                if (path.endsWith("/secret") && node.has("secretName") || path.endsWith("/secretRef")) {
                    problem(
                            "%s: secret %s is referenced whole; reference its keys (secretKeyRef) so each is documented",
                            resource,
                            node.path("secretName").asText(node.path("name").asText()));
                }
            });
        }
        documented.forEach((name, keys) -> keys.stream()
                .filter(key -> !used.getOrDefault(name, Set.of()).contains(key))
                .forEach(key -> problem("secrets.example.yaml: secret %s key %s is used by no resource", name, key)));
    }

    // ---- images ----

    private void images() {
        Map<String, String> pins = new LinkedHashMap<>();
        k8s.kustomization()
                .path("images")
                .forEach(i -> pins.put(i.path("name").asText(), i.path("newTag").asText()));
        Set<String> imagePaths = new LinkedHashSet<>();
        for (String file : List.of("kustomizeconfig.yaml")) {
            Path config = k8s.dir().resolve(file);
            if (Files.isRegularFile(config)) {
                KubernetesManifests.readOne(config)
                        .path("images")
                        .forEach(spec -> imagePaths.add(spec.path("kind").asText() + ":/"
                                + spec.path("path").asText().replace("[]/image", "")));
            }
        }
        Set<String> used = new TreeSet<>();
        k8s.forEachContainer((resource, path, container) -> {
            if (container.has("image")) { // the FlinkDeployment's main container takes spec.image
                image(resource, path, container.path("image").asText(), pins, imagePaths, used);
            }
        });
        for (Resource flink : k8s.ofKind("FlinkDeployment")) {
            image(flink, "/spec", flink.node().path("spec").path("image").asText(), pins, imagePaths, used);
        }
        pins.keySet().stream()
                .filter(name -> !used.contains(name))
                .forEach(name -> problem("kustomization.yaml pins %s, which no resource uses", name));
        compose(pins);
        dockerfile();
    }

    private void image(
            Resource resource,
            String path,
            String image,
            Map<String, String> pins,
            Set<String> configured,
            Set<String> used) {
        if (image.contains(":") || image.contains("@")) {
            problem("%s: image %s has a tag; tags are pinned in kustomization.yaml only", resource, image);
            return;
        }
        used.add(image);
        if (!pins.containsKey(image)) {
            problem("%s: image %s is not pinned in kustomization.yaml", resource, image);
        }
        String at = path.equals("/spec") ? "/spec/image" : path;
        boolean rewritten = KUSTOMIZE_IMAGE_PATHS.contains(path) || configured.contains(resource.kind() + ":" + at);
        if (!rewritten) {
            problem(
                    "%s: kustomize does not rewrite images at %s (add it to kustomizeconfig.yaml), so %s would run as :latest",
                    resource, at, image);
        }
    }

    /** The Compose file of the same stack pins the same tags. */
    private void compose(Map<String, String> pins) {
        JsonNode services = composeServices();
        services.fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            int colon = image.lastIndexOf(':');
            if (image.isEmpty() || colon < 0 || image.indexOf('/', colon) >= 0) {
                return;
            }
            String name = image.substring(0, colon);
            String tag = image.substring(colon + 1);
            if (pins.containsKey(name) && !pins.get(name).equals(tag)) {
                problem(
                        "image %s: kustomization.yaml pins %s, " + COMPOSE + " (service %s) %s",
                        name,
                        pins.get(name),
                        service.getKey(),
                        tag);
            }
        });
    }

    /**
     * The application image is built FROM the Flink the jobs are built for ({@code ARG}s with defaults, such as
     * {@code ARG FLINK_VERSION=2.2.1}, are substituted first).
     */
    private void dockerfile() {
        Path file = root.resolve("infra/docker/Dockerfile");
        if (!Files.isRegularFile(file)) {
            return;
        }
        String flinkVersion = pomProperty("flink.version");
        Map<String, String> args = new LinkedHashMap<>();
        Pattern arg = Pattern.compile("(?i)^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S+)");
        try {
            for (String line : Files.readAllLines(file)) {
                line = line.strip();
                Matcher m = arg.matcher(line);
                if (m.find()) {
                    args.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                } else if (line.toUpperCase().startsWith("FROM ")) {
                    String image =
                            line.replaceFirst("(?i)^FROM\\s+(--\\S+\\s+)*", "").split("\\s+")[0];
                    for (Map.Entry<String, String> a : args.entrySet()) {
                        image = image.replace("${" + a.getKey() + "}", a.getValue())
                                .replace("$" + a.getKey(), a.getValue());
                    }
                    int tag = image.indexOf("flink:");
                    if ((tag == 0 || tag > 0 && image.charAt(tag - 1) == '/')
                            && !image.substring(tag + 6).startsWith(flinkVersion + "-")) {
                        problem(
                                "infra/docker/Dockerfile: FROM %s, the jobs are built for Flink %s",
                                image, flinkVersion);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Compose file's Kafka (the broker image apache/kafka) is the version Strimzi runs here. */
    private void composeKafka(String version) {
        composeServices().fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText();
            if (image.startsWith("apache/kafka:") && !image.equals("apache/kafka:" + version)) {
                problem(
                        "Kafka: version %s here, " + COMPOSE + " (service %s) runs %s",
                        version,
                        service.getKey(),
                        image);
            }
        });
    }

    /** The Compose file's services, its anchors resolved; none (and a problem) when it is missing. */
    private JsonNode composeServices() {
        Path file = root.resolve(COMPOSE);
        if (!Files.isRegularFile(file)) {
            problem("%s is missing: the tags cannot be compared", COMPOSE);
            return DeployFiles.JSON.createObjectNode();
        }
        try {
            return DeployFiles.yaml(file).path("services");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kafka cluster a Strimzi resource belongs to (its label strimzi.io/cluster). */
    private static String strimziCluster(Resource resource) {
        return resource.node()
                .path("metadata")
                .path("labels")
                .path("strimzi.io/cluster")
                .asText();
    }

    // ---- Grafana ----

    private void grafana() {
        Optional<Resource> found = k8s.find("Deployment", "grafana");
        if (found.isEmpty()) {
            problem("no Deployment grafana");
            return;
        }
        JsonNode podSpec = found.get().node().path("spec").path("template").path("spec");
        JsonNode container = podSpec.path("containers").path(0);
        Map<String, Path> mounted = mountedFiles(podSpec, 0);
        String dashboardsPath = KubernetesManifests.readOne(
                        root.resolve("dashboards/provisioning/dashboards/ccpulse.yaml"))
                .path("providers")
                .path(0)
                .path("options")
                .path("path")
                .asText();
        Map<Path, String> expected = new LinkedHashMap<>();
        filesUnder(root.resolve("dashboards/provisioning"))
                .forEach(f -> expected.put(f, "/etc/grafana/provisioning/" + relative("dashboards/provisioning", f)));
        filesUnder(root.resolve("dashboards/ccpulse"))
                .forEach(f -> expected.put(f, dashboardsPath + "/" + relative("dashboards/ccpulse", f)));
        Map<Path, String> actual = new LinkedHashMap<>();
        mounted.forEach((path, file) -> actual.put(file, path));
        expected.forEach((file, path) -> {
            if (!actual.containsKey(file)) {
                problem(
                        "%s is in no ConfigMap that Grafana mounts; Grafana expects it at %s",
                        root.relativize(file), path);
            } else if (!actual.get(file).equals(path)) {
                problem("%s is mounted at %s, Grafana expects it at %s", root.relativize(file), actual.get(file), path);
            }
        });
        actual.keySet().stream()
                .filter(file -> !expected.containsKey(file))
                .forEach(file -> problem(
                        "Grafana mounts %s, which is not in dashboards/ (missing or moved?)", root.relativize(file)));
        Map<String, JsonNode> env = env(container);
        Set<String> variables = new TreeSet<>();
        filesUnder(root.resolve("dashboards/provisioning"))
                .forEach(file -> KubernetesManifests.readAll(file)
                        .forEach(doc -> KubernetesManifests.forEachText(doc, text -> {
                            Matcher m = ENV_REFERENCE.matcher(text);
                            while (m.find()) {
                                variables.add(m.group(1));
                            }
                        })));
        variables.stream()
                .filter(v -> !env.containsKey(v))
                .forEach(v -> problem("dashboards/provisioning uses ${%s}, which Grafana's container does not set", v));
        String plugin = constant("org.ccpulse.local.Banner", "GRAFANA_PLUGIN", String.class);
        String preinstall = env.getOrDefault("GF_PLUGINS_PREINSTALL_SYNC", textNode(""))
                .path("value")
                .asText();
        if (!preinstall.equals(plugin)) {
            problem("Grafana: GF_PLUGINS_PREINSTALL_SYNC is '%s', the local run installs %s", preinstall, plugin);
        }
    }

    /** Container path -> repository file, for the files of generated ConfigMaps mounted in the pod's container. */
    private Map<String, Path> mountedFiles(JsonNode podSpec, int containerIndex) {
        Map<String, String> volumes = new LinkedHashMap<>();
        podSpec.path("volumes").forEach(v -> {
            if (v.has("configMap")) {
                volumes.put(
                        v.path("name").asText(),
                        v.path("configMap").path("name").asText());
            }
        });
        Map<String, Path> files = new LinkedHashMap<>();
        for (JsonNode mount : podSpec.path("containers").path(containerIndex).path("volumeMounts")) {
            String configMap = volumes.get(mount.path("name").asText());
            if (configMap == null) {
                continue;
            }
            List<Path> sources = k8s.configMaps().get(configMap);
            if (sources == null) {
                problem(
                        "volume %s mounts ConfigMap %s, which the kustomization does not generate",
                        mount.path("name").asText(), configMap);
                continue;
            }
            String mountPath = mount.path("mountPath").asText();
            String subPath = mount.path("subPath").asText();
            for (Path source : sources) {
                String key = source.getFileName().toString();
                if (subPath.isEmpty()) {
                    files.put(mountPath + "/" + key, source);
                } else if (subPath.equals(key)) {
                    files.put(mountPath, source);
                }
            }
        }
        return files;
    }

    private String relative(String folder, Path file) {
        return root.resolve(folder).relativize(file).toString().replace('\\', '/');
    }

    private static List<Path> filesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(Path::normalize)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    // ---- helpers ----

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    private static JsonNode textNode(String text) {
        return DeployFiles.JSON.createObjectNode().put("value", text);
    }

    /** A property of the root pom, where every version is pinned. */
    private String pomProperty(String name) {
        try {
            Document pom = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(root.resolve("pom.xml").toFile());
            NodeList nodes = pom.getElementsByTagName(name);
            return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the root pom's " + name, e);
        }
    }

    /** A constant of another module that is not public (the local run's, the embedded server's). */
    static <T> T constant(String className, String field, Class<T> type) {
        try {
            Field f = Class.forName(className).getDeclaredField(field);
            f.setAccessible(true);
            return type.cast(f.get(null));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + className + "." + field, e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream()
                .filter(e -> e.getTagName().equals(name))
                .findFirst()
                .orElse(null);
    }

    private static String textOf(Element element) {
        return element == null ? "" : element.getTextContent().strip();
    }
}
