package org.ccpulse.jobs.intake;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;

/** The two ways records enter a job: a Kafka topic (live) or NDJSON files (bounded backfill). */
public final class IntakeSources {

    private IntakeSources() {}

    /**
     * Reads a topic live. A job restored from a checkpoint reads on from the offsets in its state; a job
     * without state reads from the earliest offset Kafka still holds, never from the group's committed
     * offsets: those would skip the records behind figures the job had not yet checkpointed, and a
     * recount is harmless (rows are versioned by the facts they count, so a fuller stored row wins).
     * The group's offsets are still committed on every checkpoint, for monitoring lag.
     */
    public static <T> KafkaSource<Intake<T>> kafka(
            String bootstrapServers,
            String topic,
            String groupId,
            ParserFactory<T> parsers,
            TypeInformation<Intake<T>> type) {
        return kafkaBuilder(bootstrapServers, topic, groupId, parsers, type).build();
    }

    /** Reads a topic up to the offsets it has when the job starts, then stops: a backfill from Kafka. */
    public static <T> KafkaSource<Intake<T>> kafkaUntilNow(
            String bootstrapServers,
            String topic,
            String groupId,
            ParserFactory<T> parsers,
            TypeInformation<Intake<T>> type) {
        return kafkaBuilder(bootstrapServers, topic, groupId, parsers, type)
                .setBounded(OffsetsInitializer.latest())
                .build();
    }

    private static <T> KafkaSourceBuilder<Intake<T>> kafkaBuilder(
            String bootstrapServers,
            String topic,
            String groupId,
            ParserFactory<T> parsers,
            TypeInformation<Intake<T>> type) {
        return KafkaSource.<Intake<T>>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new KafkaIntakeDeserializer<>(parsers, type));
    }

    /** Reads NDJSON files (a file or a folder of them) once, as records of {@code topic}. */
    public static <T> FileSource<Intake<T>> files(
            String topic, ParserFactory<T> parsers, TypeInformation<Intake<T>> type, java.nio.file.Path... paths) {
        Path[] flinkPaths = new Path[paths.length];
        for (int i = 0; i < paths.length; i++) {
            flinkPaths[i] = Path.fromLocalFile(paths[i].toFile());
        }
        return FileSource.forRecordStreamFormat(new NdjsonIntakeFormat<>(topic, parsers, type), flinkPaths)
                .build();
    }
}
