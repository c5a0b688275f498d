package org.ccpulse.jobs.complaints;

import java.time.Instant;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.Severity;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;

/** Ticket events for tests. */
final class Tickets {
    private Tickets() {}

    static long ms(String ts) {
        return Instant.parse(ts).toEpochMilli();
    }

    /** A complaint event with every optional field given. */
    static Ticket complaint(String eventId, String ticketId, TicketType type, String ts, String cause) {
        return new Ticket(
                eventId,
                ticketId,
                type,
                Instant.parse(ts),
                "cu-" + ticketId,
                "c-" + ticketId,
                Channel.VOICE,
                TicketCategory.COMPLAINT,
                cause,
                "broadband",
                "finance",
                Severity.HIGH,
                Instant.parse("2026-11-26T12:00:00Z"));
    }

    /** A complaint without product, department, channel and deadline. */
    static Ticket bare(String eventId, String ticketId, TicketType type, String ts, String cause) {
        return new Ticket(
                eventId,
                ticketId,
                type,
                Instant.parse(ts),
                "cu-" + ticketId,
                null,
                null,
                TicketCategory.COMPLAINT,
                cause,
                null,
                null,
                Severity.MEDIUM,
                null);
    }

    static Ticket withDue(Ticket t, String dueAt) {
        return new Ticket(
                t.eventId(),
                t.ticketId(),
                t.type(),
                t.ts(),
                t.customerId(),
                t.contactId(),
                t.channel(),
                t.category(),
                t.cause(),
                t.product(),
                t.department(),
                t.severity(),
                dueAt == null ? null : Instant.parse(dueAt));
    }
}
