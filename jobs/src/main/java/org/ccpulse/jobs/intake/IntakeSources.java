package org.ccpulse.jobs.intake;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The two ways records enter a job: a Kafka topic (live) or NDJSON files (bounded backfill). */
public final class IntakeSources {

    private IntakeSources() {}

    /** Reads a topic from the group's committed offsets, or from the earliest when the group is new. */
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
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
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
