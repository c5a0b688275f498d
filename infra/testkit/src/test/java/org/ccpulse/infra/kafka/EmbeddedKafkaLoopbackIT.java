package org.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ccpulse.infra.net.ListeningSockets;
import org.junit.jupiter.api.Test;

/** The broker is for this machine only, and starts without printing Kafka's formatting remarks. */
class EmbeddedKafkaLoopbackIT {

    @Test
    void everyListenerOfTheBrokerIsBoundToLoopback() {
        assumeTrue(ListeningSockets.supported(), "needs Linux /proc to list listening sockets");
        long pid = ProcessHandle.current().pid();
        List<InetSocketAddress> before = ListeningSockets.of(pid);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            List<InetSocketAddress> opened = new ArrayList<>(ListeningSockets.of(pid));
            opened.removeAll(before);

            // the client (also inter-broker) and controller listeners
            assertThat(opened).as("sockets the broker listens on").hasSizeGreaterThanOrEqualTo(2);
            assertThat(ListeningSockets.notLoopback(ListeningSockets.of(pid))).isEmpty();
            for (InetAddress other : ListeningSockets.otherAddresses()) {
                for (InetSocketAddress socket : opened) {
                    assertThat(ListeningSockets.accepts(other, socket.getPort()))
                            .as("connection to %s:%d", other.getHostAddress(), socket.getPort())
                            .isFalse();
                    assertThat(ListeningSockets.accepts(socket.getAddress(), socket.getPort()))
                            .as("connection to %s", socket)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void kafkasFormattingRemarksDoNotReachStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            System.out.println("ours");
        } finally {
            System.setOut(original);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("ours")
                .doesNotContain("Formatting")
                .doesNotContain("Bootstrap metadata");
    }
}
