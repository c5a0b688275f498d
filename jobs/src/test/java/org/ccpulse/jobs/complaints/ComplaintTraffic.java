package org.ccpulse.jobs.complaints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.TicketParser;

/**
 * Ticket records from the simulator (the lines of its tickets.ndjson, in delivery order, mess included), with
 * an optional surge of complaints injected, so a test can send them to Kafka and recompute the expected figures
 * from the very same records.
 */
final class ComplaintTraffic {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final List<byte[]> lines;

    private ComplaintTraffic(List<byte[]> lines) {
        this.lines = lines;
    }

    /** {@code days} of a center of {@code agents} agents from {@code startDate} (Europe/Berlin), the default mess. */
    static ComplaintTraffic simulate(Path dir, int agents, int days, String startDate, long seed) {
        SimulatedTraffic.simulate(dir, agents, days, startDate, seed, "--zone", BERLIN.getId());
        try {
            List<byte[]> lines = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("tickets.ndjson"), StandardCharsets.UTF_8)) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
            return new ComplaintTraffic(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Until the simulator has a surge option of its own (branch simcomp): {@code perHour} extra complaints
     * (OPENED, category complaint) of {@code cause} in each of {@code hours} local hours from {@code start},
     * evenly spread over each hour, each inserted in delivery order before the first record of a later
     * {@code ts}, so they arrive on time like the simulator's own.
     */
    ComplaintTraffic withInjectedSurge(String cause, ZonedDateTime start, int hours, int perHour) {
        List<byte[]> out = new ArrayList<>(lines);
        List<Instant> times = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            Instant hour = start.plusHours(h).toInstant();
            for (int i = 0; i < perHour; i++) {
                times.add(hour.plusMillis(30_000 + (3_540_000L * i) / perHour));
            }
        }
        TicketParser parser = new TicketParser();
        int n = 0;
        for (Instant ts : times) {
            int at = out.size();
            for (int i = 0; i < out.size(); i++) {
                if (parser.parse(out.get(i)) instanceof ParseResult.Accepted<Ticket> a
                        && a.event().ts().isAfter(ts)) {
                    at = i;
                    break;
                }
            }
            String id = "surge-" + n++;
            String line = "{\"event_id\":\"" + id + "-e\",\"ticket_id\":\"" + id + "\",\"type\":\"OPENED\",\"ts\":\""
                    + ts + "\",\"customer_id\":\"cust-" + id + "\",\"channel\":\"voice\",\"category\":\"complaint\","
                    + "\"cause\":\"" + cause + "\",\"product\":\"invoice\",\"department\":\"finance\","
                    + "\"severity\":\"high\",\"due_at\":\"" + ts.plusSeconds(86_400) + "\"}";
            out.add(at, line.getBytes(StandardCharsets.UTF_8));
        }
        return new ComplaintTraffic(out);
    }

    int size() {
        return lines.size();
    }

    /** The records the parser accepts, in delivery order (redeliveries included). */
    List<Ticket> acceptedTickets() {
        TicketParser parser = new TicketParser();
        List<Ticket> tickets = new ArrayList<>();
        for (byte[] line : lines) {
            if (parser.parse(line) instanceof ParseResult.Accepted<Ticket> a) {
                tickets.add(a.event());
            }
        }
        return tickets;
    }

    int rejectedCount() {
        return size() - acceptedTickets().size();
    }

    long redeliveries() {
        Set<String> seen = new HashSet<>();
        return acceptedTickets().stream().filter(t -> !seen.add(t.eventId())).count();
    }

    /** Sends every line to a topic, in order, keyed by ticket_id as EVENTS.md says (no key when unreadable). */
    void produce(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        TicketParser parser = new TicketParser();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] line : lines) {
                byte[] key = parser.parse(line) instanceof ParseResult.Accepted<Ticket> a
                        ? a.event().ticketId().getBytes(StandardCharsets.UTF_8)
                        : null;
                producer.send(new ProducerRecord<>(topic, key, line));
            }
            producer.flush();
        }
    }
}
