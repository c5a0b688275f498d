package org.ccpulse.jobs.platform;

import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;

/**
 * Which contact events speak of a customer's own inbound contacts, the ones first-contact resolution and the churn
 * alerts' repeat contacts count (METRICS.md): inbound, of a known customer, and not a transfer leg (a leg with a
 * parent continues the contact it was transferred from, it is no new contact). One definition for every job.
 */
public final class InboundContacts {

    private InboundContacts() {}

    /** Whether the event belongs to an inbound contact of a known customer that is not a transfer leg. */
    public static boolean counts(ContactEvent e) {
        return e.direction() == Direction.INBOUND && e.customerId() != null && e.parentContactId() == null;
    }

    /** Whether the event starts such a contact: its QUEUED. */
    public static boolean isStart(ContactEvent e) {
        return counts(e) && e.type() == ContactEventType.QUEUED;
    }

    /** Whether the event completes such a contact: its COMPLETED (handled by an agent, not abandoned). */
    public static boolean isCompletion(ContactEvent e) {
        return counts(e) && e.type() == ContactEventType.COMPLETED;
    }
}
