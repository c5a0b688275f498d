package org.ccpulse.jobs.servicelevel;

import java.time.Instant;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Outcome;

/** Contact events for tests, with only the fields the queue figures read. */
final class Contacts {
    private Contacts() {}

    static ContactEvent queued(String eventId, String contactId, String queue, Channel channel, String ts) {
        return event(eventId, contactId, ContactEventType.QUEUED, queue, channel, ts, null, null, null);
    }

    static ContactEvent answered(
            String eventId, String contactId, String queue, Channel channel, String queuedAt, String ts) {
        return event(eventId, contactId, ContactEventType.ANSWERED, queue, channel, ts, queuedAt, null, null);
    }

    static ContactEvent abandoned(
            String eventId, String contactId, String queue, Channel channel, String queuedAt, String ts) {
        return event(eventId, contactId, ContactEventType.ABANDONED, queue, channel, ts, queuedAt, null, null);
    }

    static ContactEvent completed(
            String eventId,
            String contactId,
            String queue,
            Channel channel,
            String ts,
            double talkS,
            double holdS,
            double wrapS) {
        return new ContactEvent(
                eventId,
                contactId,
                ContactEventType.COMPLETED,
                Instant.parse(ts),
                channel,
                Direction.INBOUND,
                queue,
                "cust-1",
                null,
                "agent-1",
                "team-a",
                talkS,
                holdS,
                wrapS,
                "billing.dispute",
                Outcome.RESOLVED,
                null);
    }

    private static ContactEvent event(
            String eventId,
            String contactId,
            ContactEventType type,
            String queue,
            Channel channel,
            String ts,
            String queuedAt,
            String agent,
            String team) {
        return new ContactEvent(
                eventId,
                contactId,
                type,
                Instant.parse(ts),
                channel,
                Direction.INBOUND,
                queue,
                "cust-1",
                queuedAt == null ? null : Instant.parse(queuedAt),
                agent,
                team,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
