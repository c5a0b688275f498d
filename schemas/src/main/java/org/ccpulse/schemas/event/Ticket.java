package org.ccpulse.schemas.event;

import java.time.Instant;

/**
 * One lifecycle event of a ticket, as on the {@code tickets} topic (EVENTS.md).
 * {@code severity} is {@link Severity#MEDIUM} when absent; other optional fields are null.
 */
public record Ticket(
        String eventId,
        String ticketId,
        TicketType type,
        Instant ts,
        String customerId,
        String contactId,
        Channel channel,
        TicketCategory category,
        String cause,
        String product,
        String department,
        Severity severity,
        Instant dueAt) {}
