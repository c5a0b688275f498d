package org.ccpulse.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ccpulse.infra.kafka.EmbeddedKafka;
import org.junit.jupiter.api.Test;

class ComponentsIT {

    private static final BooleanSupplier MUST_NOT_ASK_DOCKER =
            () -> fail("Docker was probed although an address was given");

    @Test
    void aBrokerGivenInTheEnvironmentIsUsedAndLeftRunning() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            broker.createTopics(1, "given");
            KafkaEndpoint endpoint;
            try (Components components =
                    new Components(Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()), MUST_NOT_ASK_DOCKER)) {
                endpoint = components.kafka();
                assertThat(endpoint).isEqualTo(new KafkaEndpoint(broker.bootstrapServers()));
                send(endpoint, "given", "through the switch");
            }
            // Closing the switch must not stop what someone else started.
            send(new KafkaEndpoint(broker.bootstrapServers()), "given", "after close");
            assertThat(readAll(broker.bootstrapServers(), "given", 2))
                    .containsExactly("through the switch", "after close");
        }
    }

    @Test
    void withoutAnAddressOrDockerItStartsAnEmbeddedBrokerAndStopsItOnClose() throws Exception {
        int port;
        try (Components components = new Components(Map.of(), () -> false)) {
            KafkaEndpoint endpoint = components.kafka();
            assertThat(components.kafka()).as("started once, then reused").isSameAs(endpoint);

            send(endpoint, "embedded", "hello");
            assertThat(readAll(endpoint.bootstrapServers(), "embedded", 1)).containsExactly("hello");
            port = Integer.parseInt(endpoint.bootstrapServers()
                    .substring(endpoint.bootstrapServers().lastIndexOf(':') + 1));
        }
        try (ServerSocket freed = new ServerSocket(port)) {
            assertThat(freed.getLocalPort()).as("the broker released its port").isEqualTo(port);
        }
    }

    @Test
    void aGivenBrokerThatDoesNotAnswerFailsWithItsAddress() throws Exception {
        int closedPort = unusedPort();
        try (Components components =
                new Components(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + closedPort), MUST_NOT_ASK_DOCKER)) {
            assertThatThrownBy(components::kafka)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(
                            "Kafka could not be had from ENVIRONMENT (chosen because KAFKA_BOOTSTRAP_SERVERS is set)")
                    .hasMessageContaining("no Kafka broker answers at localhost:" + closedPort);
        }
    }

    @Test
    void aGivenClickHouseIsUsedWhenItAnswersItsPing() throws Exception {
        HttpServer server = fakeClickHouse(200);
        try (Components components = new Components(
                Map.of(
                        "CLICKHOUSE_URL",
                                "http://localhost:" + server.getAddress().getPort(),
                        "CLICKHOUSE_USER", "ccpulse",
                        "CLICKHOUSE_PASSWORD", "s3cret"),
                MUST_NOT_ASK_DOCKER)) {
            ClickHouseEndpoint endpoint = components.clickHouse();

            assertThat(endpoint.httpUrl())
                    .isEqualTo("http://localhost:" + server.getAddress().getPort());
            assertThat(endpoint.user()).isEqualTo("ccpulse");
            assertThat(endpoint.password()).isEqualTo("s3cret");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aGivenClickHouseThatDoesNotAnswerFailsWithItsAddress() throws Exception {
        HttpServer wrongServer = fakeClickHouse(404);
        int closedPort = unusedPort();
        try (Components wrong = new Components(
                        Map.of(
                                "CLICKHOUSE_URL",
                                "http://localhost:" + wrongServer.getAddress().getPort()),
                        MUST_NOT_ASK_DOCKER);
                Components absent = new Components(
                        Map.of("CLICKHOUSE_URL", "http://localhost:" + closedPort), MUST_NOT_ASK_DOCKER)) {
            assertThatThrownBy(wrong::clickHouse)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("ClickHouse could not be had from ENVIRONMENT")
                    .hasMessageContaining("answered 404 to http://localhost:"
                            + wrongServer.getAddress().getPort() + "/ping");
            assertThatThrownBy(absent::clickHouse)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no ClickHouse answers at http://localhost:" + closedPort + "/ping");
        } finally {
            wrongServer.stop(0);
        }
    }

    @Test
    void withoutAnAddressOrDockerItStartsAnEmbeddedClickHouseThatRunsSql() throws Exception {
        String url;
        try (Components components = new Components(Map.of(), () -> false)) {
            ClickHouseEndpoint endpoint = components.clickHouse();
            url = endpoint.httpUrl();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                            endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
                    java.sql.ResultSet rs =
                            c.createStatement().executeQuery("SELECT toUInt32(version() >= '24') + 41")) {
                rs.next();
                org.assertj.core.api.Assertions.assertThat(rs.getInt(1))
                        .as("a ClickHouse engine of version 24 or newer")
                        .isEqualTo(42);
            }
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/ping"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()))
                .as("stopped on close")
                .isInstanceOf(java.io.IOException.class);
    }

    /** An HTTP server answering {@code /ping} with the given status, as ClickHouse answers 200 "Ok.". */
    private static HttpServer fakeClickHouse(int pingStatus) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/ping", exchange -> {
            byte[] body = "Ok.\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(pingStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void send(KafkaEndpoint kafka, String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrapServers, String topic, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partition = List.of(new TopicPartition(topic, 0));
            consumer.assign(partition);
            consumer.seekToBeginning(partition);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
