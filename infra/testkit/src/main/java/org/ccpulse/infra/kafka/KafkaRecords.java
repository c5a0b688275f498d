package org.ccpulse.infra.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records to a topic, in order, and returns only when the broker has acknowledged every one of them.
 * A record the broker did not take fails the caller at once: a test whose input silently went missing would
 * otherwise fail later, far from the cause, with figures that merely differ.
 */
public final class KafkaRecords {

    private static final long ACK_TIMEOUT_SECONDS = 120;

    /** One record: a null key goes to any partition, a null value is a tombstone. */
    public record KeyValue(byte[] key, byte[] value) {}

    private KafkaRecords() {}

    public static void send(String bootstrapServers, String topic, List<KeyValue> records) {
        send(bootstrapServers, topic, records, Map.of());
    }

    /** Sends each value with the key {@code keyOf} gives it (UTF-8; null: no key). */
    public static void sendKeyed(
            String bootstrapServers, String topic, List<byte[]> values, Function<byte[], String> keyOf) {
        send(
                bootstrapServers,
                topic,
                values.stream()
                        .map(value -> {
                            String key = keyOf.apply(value);
                            return new KeyValue(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
                        })
                        .toList());
    }

    /** As {@link #send(String, String, List)}, with producer settings of the caller's (e.g. a larger request size). */
    public static void send(
            String bootstrapServers, String topic, List<KeyValue> records, Map<String, Object> producerSettings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(producerSettings);
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (KeyValue record : records) {
                acks.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "could not send " + records.size() + " records to " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending records to " + topic, e);
        }
    }
}
