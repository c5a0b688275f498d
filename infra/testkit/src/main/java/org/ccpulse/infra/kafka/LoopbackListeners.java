package org.ccpulse.infra.kafka;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Kafka's cluster test kit binds its broker and controller listeners itself, before the nodes start, on the
 * wildcard address ({@code new InetSocketAddress(0)} in {@link PreboundSocketFactoryManager}), whatever the
 * {@code listeners} configuration says: the embedded broker would accept connections from the whole network. No
 * public setting changes that, so this binds those sockets first, on loopback, into the manager's table, where
 * the test kit then finds and uses them. The fields are private to Kafka 4.2's test kit; if a later version
 * renames them, the broker refuses to start rather than listen on every interface.
 */
final class LoopbackListeners {

    private LoopbackListeners() {}

    static void prebind(KafkaClusterTestKit.Builder builder, TestKitNodes nodes) throws IOException {
        Map<Integer, Map<String, ServerSocketChannel>> sockets = socketTable(builder);
        String controller = nodes.controllerListenerName().value();
        String broker = nodes.brokerListenerName().value();
        try {
            for (int node : nodes.controllerNodes().keySet()) {
                bind(sockets, node, controller);
            }
            for (int node : nodes.brokerNodes().keySet()) {
                bind(sockets, node, broker);
            }
        } catch (IOException | RuntimeException e) {
            for (Map<String, ServerSocketChannel> ofNode : sockets.values()) {
                for (ServerSocketChannel channel : ofNode.values()) {
                    try {
                        channel.close();
                    } catch (IOException closing) {
                        e.addSuppressed(closing);
                    }
                }
            }
            throw e;
        }
    }

    private static void bind(Map<Integer, Map<String, ServerSocketChannel>> sockets, int node, String listener)
            throws IOException {
        // as Kafka's own server socket factory binds them (non-blocking, default backlog), on loopback
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(EmbeddedKafka.LOOPBACK, 0));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        sockets.computeIfAbsent(node, n -> new HashMap<>()).put(listener, channel);
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, Map<String, ServerSocketChannel>> socketTable(KafkaClusterTestKit.Builder builder) {
        try {
            Object manager = field(KafkaClusterTestKit.Builder.class, "socketFactoryManager")
                    .get(builder);
            return (Map<Integer, Map<String, ServerSocketChannel>>)
                    field(PreboundSocketFactoryManager.class, "sockets").get(manager);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "cannot bind the Kafka test kit's listeners to loopback (its internals changed?); refusing to"
                            + " start a broker that listens on every interface",
                    e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
