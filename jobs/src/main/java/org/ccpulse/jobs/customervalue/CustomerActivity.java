package org.ccpulse.jobs.customervalue;

/**
 * Something a customer did that can escalate a churn alert, as {@link EscalationActivity} derives it from tickets
 * and contact events.
 *
 * @param customerId  the customer
 * @param kind        what happened
 * @param tsMs        when it happened (event time, epoch ms)
 * @param ticketId    the ticket, for {@link Kind#TICKET_OPENED} and {@link Kind#TICKET_CLOSED}; null otherwise
 * @param openTickets the customer's open tickets after this change (for the other kinds: as of the last one)
 */
public record CustomerActivity(String customerId, Kind kind, long tsMs, String ticketId, int openTickets) {

    public enum Kind {
        /** A ticket of category complaint was opened. */
        COMPLAINT,
        /** An inbound contact started within the repeat-contact window after the previous one completed. */
        REPEAT_CONTACT,
        /** A ticket became open (OPENED or REOPENED). */
        TICKET_OPENED,
        /** An open ticket was resolved or closed, or aged out. */
        TICKET_CLOSED
    }

    public static CustomerActivity complaint(String customerId, long tsMs, int openTickets) {
        return new CustomerActivity(customerId, Kind.COMPLAINT, tsMs, null, openTickets);
    }

    public static CustomerActivity repeatContact(String customerId, long tsMs, int openTickets) {
        return new CustomerActivity(customerId, Kind.REPEAT_CONTACT, tsMs, null, openTickets);
    }
}
