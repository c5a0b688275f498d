package org.ccpulse.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;
import org.ccpulse.infra.kafka.KafkaRecords;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.RecordParser;

/**
 * The lines of one input topic as the simulator wrote them (delivery order, mess included), with the parser, event
 * time and record key of their topic (EVENTS.md): to cut by event time, send to Kafka and recompute from the very
 * same records. {@link SimulatedTraffic} is the contact events' own.
 */
public final class TopicLines<T> {

    private final List<byte[]> lines;
    private final Supplier<RecordParser<T>> parser;
    private final Function<T, Instant> eventTime;
    private final Function<T, String> key;

    private TopicLines(
            List<byte[]> lines,
            Supplier<RecordParser<T>> parser,
            Function<T, Instant> eventTime,
            Function<T, String> key) {
        this.lines = lines;
        this.parser = parser;
        this.eventTime = eventTime;
        this.key = key;
    }

    /** The lines of an NDJSON file of the topic whose records {@code parser} reads, keyed by {@code key}. */
    public static <T> TopicLines<T> read(
            Path file, Supplier<RecordParser<T>> parser, Function<T, Instant> eventTime, Function<T, String> key) {
        try {
            List<byte[]> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
            return new TopicLines<>(lines, parser, eventTime, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return lines.size();
    }

    /** Lines [from, to) in delivery order. */
    public TopicLines<T> slice(int from, int to) {
        return new TopicLines<>(lines.subList(from, to), parser, eventTime, key);
    }

    /** The lines before the first one the parser accepts as an event at or after {@code at}, and the rest. */
    public List<TopicLines<T>> cutAt(Instant at) {
        int cut = Restarts.firstLineAtOrAfter(lines, parser.get(), eventTime, at);
        return List.of(slice(0, cut), slice(cut, size()));
    }

    /** The records the parser accepts, in delivery order (redeliveries and late ones included). */
    public List<T> accepted() {
        RecordParser<T> p = parser.get();
        List<T> events = new ArrayList<>();
        for (byte[] line : lines) {
            if (p.parse(line) instanceof ParseResult.Accepted<T> a) {
                events.add(a.event());
            }
        }
        return events;
    }

    public int rejectedCount() {
        return size() - accepted().size();
    }

    /** Sends every line to a topic, in order, keyed as EVENTS.md says (no key when unreadable). */
    public void produce(String bootstrapServers, String topic) {
        RecordParser<T> p = parser.get();
        KafkaRecords.sendKeyed(
                bootstrapServers,
                topic,
                lines,
                line -> p.parse(line) instanceof ParseResult.Accepted<T> a ? key.apply(a.event()) : null);
    }

    /**
     * The latest event time of the accepted records on each partition of a topic of {@code partitions} partitions
     * they were sent to by {@link #produce} (Kafka's default partitioner: murmur2 of the key): how far each split's
     * watermark gets.
     */
    public Map<Integer, Instant> latestByPartition(int partitions) {
        Map<Integer, Instant> latest = new HashMap<>();
        for (T event : accepted()) {
            int partition =
                    Utils.toPositive(Utils.murmur2(key.apply(event).getBytes(StandardCharsets.UTF_8))) % partitions;
            latest.merge(partition, eventTime.apply(event), (a, b) -> a.isAfter(b) ? a : b);
        }
        return latest;
    }
}
