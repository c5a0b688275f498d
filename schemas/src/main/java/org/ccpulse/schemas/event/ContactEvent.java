package org.ccpulse.schemas.event;

import java.time.Instant;

/**
 * One state change of a contact, as on the {@code contact-events} topic (EVENTS.md).
 * Fields that EVENTS.md marks optional or type-dependent are null when absent;
 * {@code direction} is {@link Direction#INBOUND} when absent.
 */
public record ContactEvent(
        String eventId,
        String contactId,
        ContactEventType type,
        Instant ts,
        Channel channel,
        Direction direction,
        String queue,
        String customerId,
        Instant queuedAt,
        String agentId,
        String team,
        Double talkS,
        Double holdS,
        Double wrapS,
        String reason,
        Outcome outcome,
        String parentContactId) {}
