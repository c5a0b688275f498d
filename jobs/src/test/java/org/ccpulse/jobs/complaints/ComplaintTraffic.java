package org.ccpulse.jobs.complaints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ccpulse.infra.kafka.KafkaRecords;
import org.ccpulse.jobs.testing.Restarts;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.TicketParser;

/**
 * Ticket records from the simulator (the lines of its tickets.ndjson, in delivery order, mess included), so a test
 * can send them to Kafka and recompute the expected figures from the very same records.
 */
final class ComplaintTraffic {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final List<byte[]> lines;

    private ComplaintTraffic(List<byte[]> lines) {
        this.lines = lines;
    }

    /**
     * {@code days} of a center of {@code agents} agents from {@code startDate} (Europe/Berlin), the default mess,
     * and the simulator's options (e.g. {@code --complaint-surge cause=company.billing,start=...,hours=2,factor=4}).
     */
    static ComplaintTraffic simulate(
            Path dir, int agents, int days, String startDate, long seed, String... simulatorOptions) {
        String[] options = new String[simulatorOptions.length + 2];
        options[0] = "--zone";
        options[1] = BERLIN.getId();
        System.arraycopy(simulatorOptions, 0, options, 2, simulatorOptions.length);
        SimulatedTraffic.simulate(dir, agents, days, startDate, seed, options);
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

    int size() {
        return lines.size();
    }

    /** Lines [from, to) in delivery order: a stretch of the traffic to send at its own moment. */
    ComplaintTraffic slice(int from, int to) {
        return new ComplaintTraffic(lines.subList(from, to));
    }

    /** The index of the first line the parser accepts as a ticket event at or after {@code at} (where to cut). */
    int firstLineAtOrAfter(Instant at) {
        return Restarts.firstLineAtOrAfter(lines, new TicketParser(), Ticket::ts, at);
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
        TicketParser parser = new TicketParser();
        KafkaRecords.sendKeyed(
                bootstrapServers,
                topic,
                lines,
                line -> parser.parse(line) instanceof ParseResult.Accepted<Ticket> a
                        ? a.event().ticketId()
                        : null);
    }
}
