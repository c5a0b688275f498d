package org.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ccpulse.infra.net.ListeningSockets;
import org.ccpulse.jobs.Jobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything a local run starts listens on loopback only: Kafka's client, inter-broker and controller
 * listeners, the embedded ClickHouse (a child process), Flink's REST endpoint and blob server; and none of them
 * accepts a connection through the machine's other addresses.
 */
class LocalRunLoopbackIT {

    @TempDir
    Path dataDir;

    @Test
    void everySocketOfARunningLocalRunIsBoundToLoopback() throws Exception {
        assumeTrue(ListeningSockets.supported(), "needs Linux /proc to list listening sockets");
        ProcessHandle self = ProcessHandle.current();
        List<InetSocketAddress> before = ListeningSockets.of(self.pid());
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (LocalRun run = LocalRun.start(
                new LocalRun.Settings(dataDir, 0, 0, 5, 1.0, ZoneOffset.UTC, null, 42, Jobs.named("all")),
                Map.of(),
                out)) {
            awaitRunning(run);

            List<InetSocketAddress> listening = new ArrayList<>(ListeningSockets.of(self.pid()));
            listening.removeAll(before);
            List<InetSocketAddress> ofChildren = new ArrayList<>();
            self.descendants().forEach(child -> ofChildren.addAll(ListeningSockets.of(child.pid())));
            System.out.println("listening: this JVM " + listening + ", child processes " + ofChildren);

            // Kafka: client (also inter-broker), controller; Flink: REST, blob server
            assertThat(listening).as("sockets of this JVM").hasSizeGreaterThanOrEqualTo(4);
            assertThat(ofChildren)
                    .as("the ClickHouse child process")
                    .extracting(InetSocketAddress::getPort)
                    .contains(run.clickHousePort());
            List<InetSocketAddress> all = new ArrayList<>(listening);
            all.addAll(ofChildren);
            assertThat(ListeningSockets.notLoopback(all)).isEmpty();
            assertThat(ListeningSockets.notLoopback(ListeningSockets.of(self.pid())))
                    .isEmpty();
            for (InetAddress other : ListeningSockets.otherAddresses()) {
                for (InetSocketAddress socket : all) {
                    assertThat(ListeningSockets.accepts(other, socket.getPort()))
                            .as("connection to %s:%d", other.getHostAddress(), socket.getPort())
                            .isFalse();
                }
            }
        }
    }

    private static void awaitRunning(LocalRun run) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!run.jobStatus().equals("RUNNING") && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(run.jobStatus()).isEqualTo("RUNNING");
    }
}
