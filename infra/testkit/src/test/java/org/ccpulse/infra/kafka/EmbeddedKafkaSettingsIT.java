package org.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a local runner uses: a fixed port, and a data directory kept and resumed across starts. */
class EmbeddedKafkaSettingsIT {

    @Test
    void listensOnTheFixedPortItIsGiven() throws IOException {
        int port = unusedPort();
        try (EmbeddedKafka kafka =
                EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withPort(port))) {
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            kafka.createTopics(1, "reachable-on-the-fixed-port");
        }
    }

    @Test
    void aGivenDataDirectoryIsKeptAndTheNextStartResumesItsCluster(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("kafka");
        String clusterId;
        try (EmbeddedKafka kafka =
                EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDataDir(dataDir))) {
            kafka.createTopics(1, "kept");
            clusterId = clusterId(kafka);
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("kept", "k" + i, "v" + i));
                }
            }
            try (Admin admin = admin(kafka)) {
                admin.alterConsumerGroupOffsets(
                                "reader", Map.of(new TopicPartition("kept", 0), new OffsetAndMetadata(40)))
                        .all()
                        .get();
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files).anyMatch(file -> file.getFileName().toString().equals("kept-0"));
        }

        try (EmbeddedKafka again =
                EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDataDir(dataDir))) {
            assertThat(clusterId(again)).as("the same cluster, not a new one").isEqualTo(clusterId);
            again.createTopics(1, "kept"); // exists already, with that partition count: fine
            try (Admin admin = admin(again)) {
                TopicPartition kept = new TopicPartition("kept", 0);
                assertThat(admin.listOffsets(Map.of(kept, OffsetSpec.latest()))
                                .partitionResult(kept)
                                .get()
                                .offset())
                        .as("records of the first start")
                        .isEqualTo(100);
                assertThat(admin.listConsumerGroupOffsets("reader")
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .get(kept)
                                .offset())
                        .as("a consumer group's committed offset")
                        .isEqualTo(40);
            }
        }
    }

    private static String clusterId(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
