package org.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a local runner uses: a fixed port and a kept data directory. */
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
    void keepsAGivenDataDirectoryAndRefusesToReuseIt(@TempDir Path parent) throws IOException {
        Path dataDir = parent.resolve("kafka");
        try (EmbeddedKafka kafka =
                EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDataDir(dataDir))) {
            kafka.createTopics(1, "kept");
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files).anyMatch(file -> file.getFileName().toString().equals("kept-0"));
        }

        assertThatThrownBy(() ->
                        EmbeddedKafka.start(EmbeddedKafkaSettings.defaults().withDataDir(dataDir)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dataDir + " is not empty");
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
