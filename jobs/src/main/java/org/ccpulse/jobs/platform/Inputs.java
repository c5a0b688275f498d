package org.ccpulse.jobs.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.Source;
import org.ccpulse.jobs.intake.Intake;
import org.ccpulse.jobs.intake.IntakeSources;

/**
 * Where a run's records come from: each input topic from Kafka (live, or up to the offsets it has
 * when the run starts) or from NDJSON files (a bounded backfill).
 */
@FunctionalInterface
public interface Inputs {

    <T> Source<Intake<T>, ?, ?> source(Topic<T> topic);

    /** Whether the sources are read on and on (live), not up to an end (a backfill): see {@link JobContext#live()}. */
    default boolean live() {
        return false;
    }

    /**
     * Live from Kafka, from the consumer group's committed offsets (the earliest when the group is
     * new). {@code renamed} maps a topic's EVENTS.md name to the Kafka topic read instead (tests use
     * topics of their own); topics not in it are read by their own name.
     */
    static Inputs kafka(String bootstrapServers, String groupId, Map<String, String> renamed) {
        return new Inputs() {
            @Override
            public <T> Source<Intake<T>, ?, ?> source(Topic<T> topic) {
                return IntakeSources.kafka(
                        bootstrapServers,
                        renamed.getOrDefault(topic.name(), topic.name()),
                        groupId,
                        topic.parsers(),
                        topic.intakeType());
            }

            @Override
            public boolean live() {
                return true;
            }
        };
    }

    /** From Kafka up to the offsets each topic has when the run starts, then the run ends: a backfill. */
    static Inputs kafkaUntilNow(String bootstrapServers, String groupId, Map<String, String> renamed) {
        return new Inputs() {
            @Override
            public <T> Source<Intake<T>, ?, ?> source(Topic<T> topic) {
                return IntakeSources.kafkaUntilNow(
                        bootstrapServers,
                        renamed.getOrDefault(topic.name(), topic.name()),
                        groupId,
                        topic.parsers(),
                        topic.intakeType());
            }
        };
    }

    /** NDJSON files (files or folders) per topic name; a topic the run reads must have some. */
    static Inputs files(Map<String, List<Path>> filesPerTopic) {
        return new Inputs() {
            @Override
            public <T> Source<Intake<T>, ?, ?> source(Topic<T> topic) {
                List<Path> paths = filesPerTopic.get(topic.name());
                if (paths == null || paths.isEmpty()) {
                    throw new IllegalArgumentException("no input files for topic " + topic.name()
                            + ", which the chosen jobs read (give --input-files " + topic.name() + "=FILE,...)");
                }
                return IntakeSources.files(
                        topic.name(), topic.parsers(), topic.intakeType(), paths.toArray(Path[]::new));
            }
        };
    }
}
