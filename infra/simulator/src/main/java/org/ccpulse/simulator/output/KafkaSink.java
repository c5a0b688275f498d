package org.ccpulse.simulator.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records to Kafka, keyed per EVENTS.md, with an idempotent producer that batches
 * (linger 20 ms, 256 KiB batches). With a manifest path, every bad record's topic, partition,
 * offset, field and problem is appended to it once the broker has acknowledged it (so lines
 * come in acknowledgement order). The first send failure stops the run.
 */
public final class KafkaSink implements RecordSink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<InputTopic, String> topicNames;
    private final JsonGenerator manifest;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaSink(String bootstrapServers, Map<InputTopic, String> topicNames, Path manifestPath)
            throws IOException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Oversized bad records must reach the topic for the pipeline to reject them.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topicNames = new EnumMap<>(topicNames);
        this.manifest = manifestPath == null
                ? null
                : new JsonFactory()
                        .createGenerator(new BufferedOutputStream(Files.newOutputStream(manifestPath), 64 * 1024));
        if (manifest != null) {
            manifest.setRootValueSeparator(null);
        }
    }

    @Override
    public void accept(ProducedRecord r) throws IOException {
        Exception failed = failure.get();
        if (failed != null) {
            throw new IOException("Kafka send failed", failed);
        }
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topicNames.get(r.topic()), r.key().getBytes(StandardCharsets.UTF_8), r.value());
        producer.send(record, (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            } else if (r.bad() && manifest != null) {
                writeManifest(meta, r.defect());
            }
        });
    }

    private synchronized void writeManifest(RecordMetadata meta, Defect defect) {
        try {
            manifest.writeStartObject();
            manifest.writeStringField("topic", meta.topic());
            manifest.writeNumberField("partition", meta.partition());
            manifest.writeNumberField("offset", meta.offset());
            manifest.writeStringField("field", defect.field());
            manifest.writeStringField("problem", defect.problem().name());
            manifest.writeEndObject();
            manifest.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        producer.flush();
        producer.close();
        if (manifest != null) {
            synchronized (this) {
                manifest.close();
            }
        }
        Exception failed = failure.get();
        if (failed != null) {
            throw new IOException("Kafka send failed", failed);
        }
    }
}
