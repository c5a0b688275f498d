package org.ccpulse.infra.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListeningSocketsTest {

    @Test
    void parsesTheKernelsHexAddresses() throws Exception {
        assertThat(ListeningSockets.parse("0100007F:1F90"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080));
        assertThat(ListeningSockets.parse("00000000:2384"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 9092));
        assertThat(ListeningSockets.parse("00000000000000000000000000000000:1FBB"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("::"), 8123));
        assertThat(ListeningSockets.parse("00000000000000000000000001000000:0050"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 80));
        // IPv4-mapped, as a dual-stack Java socket bound to 127.0.0.1 shows up in tcp6
        assertThat(ListeningSockets.parse("0000000000000000FFFF00000100007F:95D7"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0x95D7));
    }

    @Test
    void findsThisProcesssListeningSocketsAndTellsLoopbackFromWildcard() throws Exception {
        assumeTrue(ListeningSockets.supported(), "needs Linux /proc");
        long pid = ProcessHandle.current().pid();
        try (ServerSocket loopback = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket everywhere = new ServerSocket(0)) {
            assertThat(ListeningSockets.of(pid))
                    .contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), loopback.getLocalPort()));
            assertThat(ListeningSockets.notLoopback(ListeningSockets.of(pid)))
                    .extracting(InetSocketAddress::getPort)
                    .contains(everywhere.getLocalPort())
                    .doesNotContain(loopback.getLocalPort());
        }
    }
}
