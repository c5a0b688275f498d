package org.ccpulse.jobs.fcr;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Outcome;

/** Contact events for the FCR tests, with only the fields first-contact resolution reads. */
final class FcrEvents {

    private static final AtomicInteger IDS = new AtomicInteger();

    private FcrEvents() {}

    static ContactEvent queued(String contact, String customer, String ts) {
        return queued(contact, customer, ts, "billing", Channel.VOICE);
    }

    static ContactEvent queued(String contact, String customer, String ts, String queue, Channel channel) {
        return event(contact, customer, ContactEventType.QUEUED, ts, queue, channel, null, null, null, null);
    }

    static ContactEvent abandoned(String contact, String customer, String ts) {
        return event(
                contact, customer, ContactEventType.ABANDONED, ts, "billing", Channel.VOICE, null, null, null, null);
    }

    static ContactEvent completed(String contact, String customer, String ts, String reason) {
        return completed(contact, customer, ts, reason, Outcome.RESOLVED);
    }

    static ContactEvent completed(String contact, String customer, String ts, String reason, Outcome outcome) {
        return event(
                contact,
                customer,
                ContactEventType.COMPLETED,
                ts,
                "billing",
                Channel.VOICE,
                "agent-1",
                "billing-t1",
                reason,
                outcome);
    }

    /** A transfer leg's event: like the others, with a parent. */
    static ContactEvent leg(ContactEvent e, String parent) {
        return new ContactEvent(
                e.eventId(),
                e.contactId(),
                e.type(),
                e.ts(),
                e.channel(),
                e.direction(),
                e.queue(),
                e.customerId(),
                e.queuedAt(),
                e.agentId(),
                e.team(),
                e.talkS(),
                e.holdS(),
                e.wrapS(),
                e.reason(),
                e.outcome(),
                parent);
    }

    static ContactEvent outbound(ContactEvent e) {
        return new ContactEvent(
                e.eventId(),
                e.contactId(),
                e.type(),
                e.ts(),
                e.channel(),
                Direction.OUTBOUND,
                e.queue(),
                e.customerId(),
                e.queuedAt(),
                e.agentId(),
                e.team(),
                e.talkS(),
                e.holdS(),
                e.wrapS(),
                e.reason(),
                e.outcome(),
                e.parentContactId());
    }

    private static ContactEvent event(
            String contact,
            String customer,
            ContactEventType type,
            String ts,
            String queue,
            Channel channel,
            String agent,
            String team,
            String reason,
            Outcome outcome) {
        boolean done = type == ContactEventType.COMPLETED;
        return new ContactEvent(
                "ev-" + IDS.incrementAndGet(),
                contact,
                type,
                Instant.parse(ts),
                channel,
                Direction.INBOUND,
                queue,
                customer,
                type == ContactEventType.ABANDONED ? Instant.parse(ts).minusSeconds(30) : null,
                agent,
                team,
                done ? 200.0 : null,
                done ? 0.0 : null,
                done ? 20.0 : null,
                reason,
                outcome,
                null);
    }

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
