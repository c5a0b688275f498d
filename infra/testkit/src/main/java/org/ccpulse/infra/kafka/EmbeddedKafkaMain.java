package org.ccpulse.infra.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs an {@link EmbeddedKafka} broker for local work until Ctrl-C. */
@Command(
        name = "embedded-kafka",
        mixinStandardHelpOptions = true,
        description = "Runs an in-JVM Apache Kafka broker (KRaft, one node) until Ctrl-C.")
public final class EmbeddedKafkaMain implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "9092",
            description = "client port; 0 for any free port (default ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--data-dir",
            description =
                    "directory for the broker's data, kept on exit and resumed by the next start (default: a temporary directory, deleted on exit)")
    Path dataDir;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description =
                    "partitions of topics from --topic and of topics created on first use (default ${DEFAULT-VALUE})")
    int partitions;

    @Option(
            names = "--retention",
            description = "how long records are kept, ISO-8601, e.g. PT6H (default: Kafka's 7 days)")
    Duration retention;

    @Option(
            names = "--topic",
            split = ",",
            description = "topics to create at start, e.g. contact-events,tickets,orders")
    List<String> topics = List.of();

    public static void main(String[] args) {
        int exitCode = new CommandLine(new EmbeddedKafkaMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedKafkaSettings settings =
                EmbeddedKafkaSettings.defaults().withPort(port).withDefaultPartitions(partitions);
        if (dataDir != null) {
            settings = settings.withDataDir(dataDir);
        }
        if (retention != null) {
            settings = settings.withRetention(retention);
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "embedded-kafka-shutdown"));
        if (!topics.isEmpty()) {
            kafka.createTopics(topics.toArray(String[]::new));
        }
        System.out.println("Kafka bootstrap servers: " + kafka.bootstrapServers()
                + (topics.isEmpty() ? "" : "  topics: " + String.join(", ", topics))
                + "  (Ctrl-C to stop)");
        new CountDownLatch(1).await(); // the shutdown hook stops the broker when the JVM is asked to exit
        return 0;
    }
}
