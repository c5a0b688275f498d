package org.ccpulse.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.utils.Utils;
import org.ccpulse.infra.clickhouse.EmbeddedClickHouse;
import org.ccpulse.infra.kafka.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one switch from which tests and the local runner get Kafka and ClickHouse. Each component is had on
 * first request, from the source {@link ComponentSelection} picks (environment address, Testcontainers, or
 * embedded), logged with the reason. A component that cannot be had throws {@link IllegalStateException}
 * saying which source was tried and why; nothing is ever skipped.
 *
 * <p>Closing stops whatever this instance started, newest first. For one instance per JVM shared by all
 * tests, use {@link SharedComponents}.
 */
public final class Components implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Components.class);

    private final Map<String, String> env;
    private final BooleanSupplier dockerAvailable;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private KafkaEndpoint kafka;
    private ClickHouseEndpoint clickHouse;

    /**
     * @param env             environment variables (normally {@link System#getenv()})
     * @param dockerAvailable asked at most once per component, and only when the environment gives no address
     */
    public Components(Map<String, String> env, BooleanSupplier dockerAvailable) {
        this.env = Map.copyOf(env);
        this.dockerAvailable = dockerAvailable;
    }

    /** Decides from this process's environment and a real probe for a Docker engine. */
    public static Components fromSystemEnvironment() {
        return new Components(
                System.getenv(), () -> DockerClientFactory.instance().isDockerAvailable());
    }

    public synchronized KafkaEndpoint kafka() {
        if (kafka == null) {
            Choice<KafkaEndpoint> choice = ComponentSelection.kafka(env, dockerAvailable);
            kafka = keep(provide("Kafka", choice, () -> switch (choice.source()) {
                case ENVIRONMENT ->
                    Running.given(
                            Reachability.requireAnswers(choice.givenEndpoint().orElseThrow()));
                case CONTAINER -> kafkaContainer();
                case EMBEDDED -> embeddedKafka();
            }));
        }
        return kafka;
    }

    public synchronized ClickHouseEndpoint clickHouse() {
        if (clickHouse == null) {
            Choice<ClickHouseEndpoint> choice = ComponentSelection.clickHouse(env, dockerAvailable);
            clickHouse = keep(provide("ClickHouse", choice, () -> switch (choice.source()) {
                case ENVIRONMENT ->
                    Running.given(
                            Reachability.requireAnswers(choice.givenEndpoint().orElseThrow()));
                case CONTAINER -> clickHouseContainer();
                case EMBEDDED -> embeddedClickHouse();
            }));
        }
        return clickHouse;
    }

    /** Stops everything this instance started, newest first; reports every failure, not just the first. */
    @Override
    public synchronized void close() {
        IllegalStateException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping components failed");
                }
                failure.addSuppressed(e);
            }
        }
        kafka = null;
        clickHouse = null;
        if (failure != null) {
            throw failure;
        }
    }

    private interface Starter<E> {
        Running<E> start() throws Exception;
    }

    private static <E> Running<E> provide(String component, Choice<E> choice, Starter<E> starter) {
        log.info("{}: {} ({})", component, choice.source(), choice.reason());
        try {
            Running<E> running = starter.start();
            log.info("{}: using {}", component, running.endpoint());
            return running;
        } catch (Exception e) {
            throw new IllegalStateException(
                    component + " could not be had from " + choice.source() + " (chosen because " + choice.reason()
                            + "): " + e.getMessage(),
                    e);
        }
    }

    private <E> E keep(Running<E> running) {
        started.push(running.stopper());
        return running.endpoint();
    }

    private static Running<KafkaEndpoint> kafkaContainer() {
        KafkaContainer container = new KafkaContainer(ContainerImages.KAFKA);
        container.start();
        return new Running<>(new KafkaEndpoint(container.getBootstrapServers()), container::stop);
    }

    private static Running<KafkaEndpoint> embeddedKafka() {
        EmbeddedKafka broker = EmbeddedKafka.start();
        return new Running<>(new KafkaEndpoint(broker.bootstrapServers()), broker);
    }

    private static Running<ClickHouseEndpoint> clickHouseContainer() {
        ClickHouseContainer container = new ClickHouseContainer(ContainerImages.CLICKHOUSE);
        container.start();
        ClickHouseEndpoint endpoint = new ClickHouseEndpoint(
                container.getHttpUrl(), container.getJdbcUrl(), container.getUsername(), container.getPassword());
        return new Running<>(endpoint, container::stop);
    }

    /** The embedded ClickHouse on a temporary directory that is deleted when it stops (or fails to start). */
    private static Running<ClickHouseEndpoint> embeddedClickHouse() throws IOException {
        Path dataDir = Files.createTempDirectory("ccpulse-clickhouse-");
        try {
            Running<ClickHouseEndpoint> server = startEmbeddedClickHouse(dataDir);
            return new Running<>(server.endpoint(), () -> {
                server.stopper().close();
                Utils.delete(dataDir.toFile());
            });
        } catch (RuntimeException e) {
            Utils.delete(dataDir.toFile());
            throw e;
        }
    }

    /**
     * Starts the embedded ClickHouse (a child process on the chDB engine) on {@code dataDir}: the endpoint
     * is its HTTP and JDBC address with user {@value ClickHouseEndpoint#DEFAULT_USER} and an empty
     * password, stopped by its {@code close()}.
     */
    private static Running<ClickHouseEndpoint> startEmbeddedClickHouse(Path dataDir) {
        EmbeddedClickHouse server = EmbeddedClickHouse.start(dataDir);
        ClickHouseEndpoint endpoint =
                new ClickHouseEndpoint(server.httpUrl(), server.jdbcUrl(), ClickHouseEndpoint.DEFAULT_USER, "");
        return new Running<>(endpoint, server::close);
    }
}
