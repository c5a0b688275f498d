package org.ccpulse.infra.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc}: the process's socket inodes from
 * {@code /proc/<pid>/fd}, matched against the LISTEN entries of {@code /proc/<pid>/net/tcp} and {@code tcp6}. Used
 * to check that what the local run starts is reachable from this machine only.
 */
public final class ListeningSockets {

    private static final Path PROC = Path.of("/proc");
    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    /** {@code st} column of /proc/net/tcp: 0A is TCP_LISTEN. */
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Whether this system has the files this class reads (Linux). */
    public static boolean supported() {
        return Files.isReadable(PROC.resolve("self").resolve("net").resolve("tcp"));
    }

    /** The local addresses {@code pid} listens on (TCP, IPv4 and IPv6); an IPv4-mapped address comes back as IPv4. */
    public static List<InetSocketAddress> of(long pid) {
        Path process = PROC.resolve(Long.toString(pid));
        Set<String> inodes = socketInodes(process.resolve("fd"));
        List<InetSocketAddress> listening = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = process.resolve("net").resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    if (fields.length > 9 && fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                        listening.add(parse(fields[1]));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return listening;
    }

    /** The addresses among {@code addresses} that are not loopback ones (a wildcard address is not). */
    public static List<InetSocketAddress> notLoopback(List<InetSocketAddress> addresses) {
        return addresses.stream()
                .filter(a -> !a.getAddress().isLoopbackAddress())
                .toList();
    }

    /** This machine's addresses other than loopback and link-local ones (which need a scope to connect to). */
    public static List<InetAddress> otherAddresses() {
        try {
            List<InetAddress> addresses = new ArrayList<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback()) {
                    for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                        if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                            addresses.add(address);
                        }
                    }
                }
            }
            return addresses;
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list network interfaces", e);
        }
    }

    /** Whether a TCP connection to {@code address:port} is accepted within a second. */
    public static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static Set<String> socketInodes(Path fdDir) {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    Matcher m = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while we list them
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + fdDir, e);
        }
        return inodes;
    }

    /**
     * {@code 0100007F:1F90} (IPv4) or 32 hex digits and a port (IPv6): the address is stored as 32-bit words in the
     * kernel's (little-endian) byte order, the port in plain hex.
     */
    static InetSocketAddress parse(String hexAddressAndPort) {
        String[] parts = hexAddressAndPort.split(":");
        String hex = parts[0];
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + (3 - i)) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hexAddressAndPort, e);
        }
    }
}
