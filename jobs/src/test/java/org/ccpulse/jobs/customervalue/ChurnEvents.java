package org.ccpulse.jobs.customervalue;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Outcome;
import org.ccpulse.schemas.event.Severity;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;

/** Tickets and contact events for the churn alert tests, with the fields the escalation rules read. */
final class ChurnEvents {

    private static final AtomicInteger IDS = new AtomicInteger();

    private ChurnEvents() {}

    static Ticket ticket(String customer, String ticket, TicketType type, TicketCategory category, long tsMs) {
        return new Ticket(
                "t-e" + IDS.incrementAndGet(),
                ticket,
                type,
                Instant.ofEpochMilli(tsMs),
                customer,
                null,
                null,
                category,
                category == TicketCategory.COMPLAINT ? "company.billing" : null,
                null,
                null,
                Severity.MEDIUM,
                null);
    }

    static ContactEvent contact(
            String customer, String contact, ContactEventType type, long tsMs, Direction direction, String parent) {
        boolean completed = type == ContactEventType.COMPLETED;
        return new ContactEvent(
                "c-e" + IDS.incrementAndGet(),
                contact,
                type,
                Instant.ofEpochMilli(tsMs),
                Channel.VOICE,
                direction,
                "billing",
                customer,
                null,
                completed ? "agent-1" : null,
                completed ? "team-1" : null,
                completed ? 60.0 : null,
                completed ? 0.0 : null,
                completed ? 10.0 : null,
                completed ? "billing.dispute" : null,
                completed ? Outcome.RESOLVED : null,
                parent);
    }

    static ContactEvent queued(String customer, String contact, long tsMs) {
        return contact(customer, contact, ContactEventType.QUEUED, tsMs, Direction.INBOUND, null);
    }

    static ContactEvent completed(String customer, String contact, long tsMs) {
        return contact(customer, contact, ContactEventType.COMPLETED, tsMs, Direction.INBOUND, null);
    }
}
