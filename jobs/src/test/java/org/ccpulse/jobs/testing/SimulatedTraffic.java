package org.ccpulse.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ccpulse.infra.kafka.KafkaRecords;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.simulator.SimulatorMain;
import picocli.CommandLine;

/**
 * Contact events from the simulator, kept as the lines it wrote (in delivery order, mess included),
 * so a test can send them to Kafka and recompute the expected figures from the very same records.
 */
public final class SimulatedTraffic {

    private final List<byte[]> lines;

    private SimulatedTraffic(List<byte[]> lines) {
        this.lines = lines;
    }

    /**
     * {@code days} of a center with {@code agents} agents from {@code startDate}, with the simulator's default
     * mess unless {@code simulatorOptions} set other rates (e.g. {@code --wrong-type-rate 0.01}).
     */
    public static SimulatedTraffic simulate(
            Path dir, int agents, int days, String startDate, long seed, String... simulatorOptions) {
        try {
            List<byte[]> lines = new ArrayList<>();
            for (String line : Files.readAllLines(
                    simulateToFile(dir, agents, days, startDate, seed, simulatorOptions), StandardCharsets.UTF_8)) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
            return new SimulatedTraffic(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same traffic as {@link #simulate}, left in its file ({@code dir/contact-events.ndjson}, returned), for
     * traffic too large to hold in memory.
     */
    public static Path simulateToFile(
            Path dir, int agents, int days, String startDate, long seed, String... simulatorOptions) {
        List<String> args = new ArrayList<>(List.of(
                "--out-dir",
                dir.toString(),
                "--agents",
                Integer.toString(agents),
                "--days",
                Integer.toString(days),
                "--start-date",
                startDate,
                "--seed",
                Long.toString(seed)));
        args.addAll(List.of(simulatorOptions));
        int exit = new CommandLine(new SimulatorMain()).execute(args.toArray(String[]::new));
        if (exit != 0) {
            throw new IllegalStateException("simulator exited with " + exit);
        }
        return dir.resolve("contact-events.ndjson");
    }

    public int size() {
        return lines.size();
    }

    /** Lines [from, to) in delivery order: a stretch of the traffic to send at its own moment. */
    public SimulatedTraffic slice(int from, int to) {
        return new SimulatedTraffic(lines.subList(from, to));
    }

    /** The records the parser accepts, in delivery order (duplicates and late ones included). */
    public List<ContactEvent> acceptedEvents() {
        ContactEventParser parser = new ContactEventParser();
        List<ContactEvent> events = new ArrayList<>();
        for (byte[] line : lines) {
            if (parser.parse(line) instanceof ParseResult.Accepted<ContactEvent> accepted) {
                events.add(accepted.event());
            }
        }
        return events;
    }

    /** The index of the first line the parser accepts as the event with this event_id. */
    public int firstLineOf(String eventId) {
        ContactEventParser parser = new ContactEventParser();
        for (int i = 0; i < lines.size(); i++) {
            if (parser.parse(lines.get(i)) instanceof ParseResult.Accepted<ContactEvent> a
                    && a.event().eventId().equals(eventId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no accepted line has event_id " + eventId);
    }

    /** The index of the first line the parser accepts as an event at or after {@code at} (where to cut the traffic). */
    public int firstLineAtOrAfter(Instant at) {
        return Restarts.firstLineAtOrAfter(lines, new ContactEventParser(), ContactEvent::ts, at);
    }

    public int rejectedCount() {
        return size() - acceptedEvents().size();
    }

    /** Sends every line to a topic, in order, keyed by contact_id as EVENTS.md says (no key when unreadable). */
    public void produce(String bootstrapServers, String topic) {
        ContactEventParser parser = new ContactEventParser();
        KafkaRecords.sendKeyed(
                bootstrapServers,
                topic,
                lines,
                line -> parser.parse(line) instanceof ParseResult.Accepted<ContactEvent> a
                        ? a.event().contactId()
                        : null);
    }
}
