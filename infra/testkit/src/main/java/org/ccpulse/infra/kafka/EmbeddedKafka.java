package org.ccpulse.infra.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker inside this JVM: one KRaft node acting as controller and broker, started as Kafka's own
 * {@code kafka-storage.sh format} and {@code kafka-server-start.sh} do it ({@link Formatter}, {@link
 * KafkaRaftServer}), so it runs the code of a released broker. Tuned for a small machine: few threads, small
 * segments, single-replica internal topics. Every listener binds to 127.0.0.1.
 *
 * <p>A given data directory is kept: the first start formats it as a new cluster, later starts resume that cluster
 * with its topics, records, consumer offsets and transactions (what a local run that is stopped and started again
 * needs). Without one, the broker uses a temporary directory, deleted on close.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
 *     kafka.createTopics(3, "contact-events");
 *     ... kafka.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Every listener binds here: the broker is for this machine only. */
    static final String LOOPBACK = "127.0.0.1";

    private static final int NODE_ID = 1;
    private static final String CLIENT_LISTENER = "CLIENT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Written by the formatter into every formatted log directory; its presence means "resume". */
    private static final String META_PROPERTIES = "meta.properties";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final EmbeddedKafkaSettings settings;
    private final Path dataDir;

    private EmbeddedKafka(
            KafkaRaftServer server, String bootstrapServers, EmbeddedKafkaSettings settings, Path dataDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.dataDir = dataDir;
    }

    /** Starts a broker on a free port with a temporary data directory. */
    public static EmbeddedKafka start() {
        return start(EmbeddedKafkaSettings.defaults());
    }

    /** Starts a broker (resuming the cluster in the settings' data directory, if any) and returns once it serves. */
    public static EmbeddedKafka start(EmbeddedKafkaSettings settings) {
        Path dataDir = settings.dataDir().map(EmbeddedKafka::directory).orElseGet(EmbeddedKafka::temporaryDirectory);
        KafkaRaftServer server = null;
        try {
            int clientPort = settings.port() == 0 ? freePort() : settings.port();
            KafkaConfig config = new KafkaConfig(brokerConfig(settings, dataDir, clientPort, freePort()));
            boolean resumed = formatUnlessFormatted(config, dataDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup(); // returns once the broker has caught up with the metadata log and is unfenced
            String bootstrap = LOOPBACK + ":" + clientPort;
            log.info(
                    "embedded Kafka broker ready at {} ({} cluster, data in {})",
                    bootstrap,
                    resumed ? "resumed its" : "a new",
                    dataDir);
            return new EmbeddedKafka(server, bootstrap, settings, dataDir);
        } catch (Exception e) {
            if (server != null) {
                stop(server);
            }
            if (settings.dataDir().isEmpty()) {
                delete(dataDir);
            }
            throw new IllegalStateException("embedded Kafka broker failed to start: " + e.getMessage(), e);
        }
    }

    /** Whether the directory holds a cluster an earlier start formatted, which a start with it resumes. */
    public static boolean holdsCluster(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(META_PROPERTIES));
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates topics with the settings' default partition count. */
    public void createTopics(String... names) {
        createTopics(settings.defaultPartitions(), names);
    }

    public void createTopics(int partitions, String... names) {
        KafkaTopics.create(bootstrapServers, partitions, names);
    }

    /** Stops the broker and controller; deletes the data directory if it was a temporary one. */
    @Override
    public void close() {
        stop(server);
        if (settings.dataDir().isEmpty()) {
            delete(dataDir);
        }
        log.info("embedded Kafka broker at {} stopped", bootstrapServers);
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    static Properties brokerConfig(EmbeddedKafkaSettings settings, Path dataDir, int clientPort, int controllerPort) {
        // Values as text, as in server.properties: Kafka converts each to its declared type.
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("log.dirs", dataDir.toString());
        // One listener for clients and the broker itself, one for the controller; both on loopback only. A static
        // quorum of this one node: its address is configuration, so the controller's port may change between starts.
        config.put(
                "listeners",
                CLIENT_LISTENER + "://" + LOOPBACK + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + LOOPBACK
                        + ":" + controllerPort);
        config.put("advertised.listeners", CLIENT_LISTENER + "://" + LOOPBACK + ":" + clientPort);
        config.put(
                "listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", CLIENT_LISTENER);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);

        config.put("unstable.api.versions.enable", "false");
        config.put("unstable.feature.versions.enable", "false");

        config.put("auto.create.topics.enable", "true");
        config.put("num.partitions", String.valueOf(settings.defaultPartitions()));

        // One broker: internal topics can only have one replica, and need few partitions.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("share.coordinator.state.topic.num.partitions", "1");
        // No point waiting for more group members to join.
        config.put("group.initial.rebalance.delay.ms", "0");

        // A small machine: few threads and small files.
        config.put("num.network.threads", "1");
        config.put("num.io.threads", "2");
        config.put("background.threads", "2");
        config.put("num.recovery.threads.per.data.dir", "1");
        config.put("log.cleaner.threads", "1");
        config.put("group.coordinator.threads", "1");
        config.put("share.coordinator.threads", "1");
        config.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        settings.retention()
                .ifPresent(retention -> config.put("log.retention.ms", String.valueOf(retention.toMillis())));
        return config;
    }

    /**
     * Formats the directory as a new cluster at Kafka's latest production metadata version, unless an earlier start
     * formatted it: then the broker resumes that cluster. The formatter's remarks ("Formatting metadata directory
     * ...") go to the log at DEBUG, not to standard output.
     *
     * @return whether the directory held a cluster already
     */
    private static boolean formatUnlessFormatted(KafkaConfig config, Path dataDir) throws Exception {
        if (holdsCluster(dataDir)) {
            return true;
        }
        new Formatter()
                .setPrintStream(new PrintStream(new LogLines(), true, StandardCharsets.UTF_8))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dataDir.toString()))
                .setMetadataLogDirectory(dataDir.toString())
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setUnstableFeatureVersionsEnabled(false)
                .run();
        return false;
    }

    /**
     * A free port on loopback, for a listener whose address must be known before the broker binds it. Another
     * process could take it in between; the start then fails with the port named.
     */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(LOOPBACK, 0));
            return probe.getLocalPort();
        }
    }

    private static Path directory(Path dir) {
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + dir + " as embedded Kafka data directory", e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ccpulse-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for embedded Kafka", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("could not delete the embedded Kafka broker's temporary data in {}: {}", dir, e.toString());
        }
    }

    /** What the formatter prints, line by line into the log at DEBUG. */
    private static final class LogLines extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int b) {
            if (b == '\n') {
                log.debug("{}", line);
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
    }
}
