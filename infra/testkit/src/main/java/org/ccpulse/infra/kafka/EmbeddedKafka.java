package org.ccpulse.infra.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker inside this JVM: one KRaft node acting as controller and broker, built with Apache
 * Kafka's own cluster test kit ({@link KafkaClusterTestKit}), so it runs the same code as a released broker.
 * Tuned for a small machine: few threads, small segments, single-replica internal topics.
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

    /**
     * The listener clients use. The test kit pre-binds its own listeners to random ports before the broker
     * starts; a listener it does not know binds where the settings say, which is how a fixed port is possible.
     */
    private static final String CLIENT_LISTENER = "CLIENT";

    /** Every listener binds here: the broker is for this machine only. */
    static final String LOOPBACK = "127.0.0.1";

    /** The test kit's threads, which format the data directory (and print to System.out while at it). */
    private static final String TEST_KIT_THREADS = "kafka-cluster-test-kit-";

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final EmbeddedKafkaSettings settings;

    private EmbeddedKafka(KafkaClusterTestKit cluster, String bootstrapServers, EmbeddedKafkaSettings settings) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    /** Starts a broker on a free port with a temporary data directory. */
    public static EmbeddedKafka start() {
        return start(EmbeddedKafkaSettings.defaults());
    }

    /** Starts a broker and returns once it accepts clients. */
    public static EmbeddedKafka start(EmbeddedKafkaSettings settings) {
        TestKitNodes.Builder nodes = new TestKitNodes.Builder(releasedMetadata())
                .setCombined(true)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1);
        // Always our own directory: the test kit's default temporary one is deleted by a JVM shutdown hook of its
        // own, which races with a broker still writing its last checkpoints when stopped by Ctrl-C.
        nodes.setBaseDirectory(
                settings.dataDir().map(EmbeddedKafka::emptyDirectory).orElseGet(EmbeddedKafka::temporaryDirectory));
        TestKitNodes testKitNodes = nodes.build();

        KafkaClusterTestKit cluster = null;
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(testKitNodes)
                    .setDeleteOnClose(settings.dataDir().isEmpty());
            brokerConfig(settings, testKitNodes).forEach(builder::setConfigProp);
            LoopbackListeners.prebind(builder, testKitNodes);
            cluster = builder.build();
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
            int port = cluster.brokers().values().iterator().next().boundPort(ListenerName.normalised(CLIENT_LISTENER));
            String bootstrap = LOOPBACK + ":" + port;
            log.info("embedded Kafka broker ready at {} (data in {})", bootstrap, testKitNodes.baseDirectory());
            return new EmbeddedKafka(cluster, bootstrap, settings);
        } catch (Exception e) {
            closeAfterFailedStart(cluster, e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("embedded Kafka broker failed to start: " + e.getMessage(), e);
        }
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
        try {
            cluster.close();
            log.info("embedded Kafka broker at {} stopped", bootstrapServers);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("embedded Kafka broker did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /**
     * The test kit bootstraps clusters at Kafka's newest, still unstable metadata version with unstable APIs on;
     * the pipeline runs against released brokers, so this one starts at the latest production version.
     */
    private static BootstrapMetadata releasedMetadata() {
        MetadataVersion version = MetadataVersion.LATEST_PRODUCTION;
        Map<String, Short> features = Feature.PRODUCTION_FEATURES.stream()
                .collect(Collectors.toMap(Feature::featureName, feature -> feature.defaultLevel(version)));
        return BootstrapMetadata.fromVersions(version, features, "ccpulse embedded Kafka");
    }

    private static Map<String, String> brokerConfig(EmbeddedKafkaSettings settings, TestKitNodes nodes) {
        String internal = nodes.brokerListenerName().value();
        String controller = nodes.controllerListenerName().value();
        // Values as text, as in server.properties: Kafka converts each to its declared type.
        Map<String, String> config = new LinkedHashMap<>();
        // The test kit's own two listeners are pre-bound by LoopbackListeners; the host here is what is advertised.
        config.put(
                "listeners",
                internal + "://" + LOOPBACK + ":0," + controller + "://" + LOOPBACK + ":0," + CLIENT_LISTENER + "://"
                        + LOOPBACK + ":" + settings.port());
        config.put(
                "listener.security.protocol.map",
                internal + ":PLAINTEXT," + controller + ":PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT");

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
        // No point waiting for more group members to join in tests.
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
     * Formats the data directory. Kafka's formatter prints what it does ("Formatting metadata directory...",
     * "Bootstrap metadata: ...") to System.out from the test kit's threads; those lines go to the log at DEBUG
     * instead, everything else printed meanwhile passes through.
     */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        synchronized (System.class) {
            PrintStream original = System.out;
            System.setOut(new ThreadFilteringPrintStream(original, TEST_KIT_THREADS, line -> log.debug("{}", line)));
            try {
                cluster.format();
            } finally {
                System.out.flush();
                System.setOut(original);
            }
        }
    }

    /** The test kit formats the directory for a new cluster; existing data would make formatting fail. */
    private static Path emptyDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(
                            "embedded Kafka data directory " + dir
                                    + " is not empty; the broker starts a new cluster each time, so give it an empty or absent directory");
                }
            }
            return dir.toAbsolutePath();
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

    private static void closeAfterFailedStart(KafkaClusterTestKit cluster, Exception failure) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
