package org.ccpulse.jobs.complaints;

import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;

/** METRICS.md "Complaints" as plain functions over ticket events. */
public final class ComplaintRules {

    /** The value of a missing optional field (product, department, channel) in every row: grouped, never dropped. */
    public static final String NOT_GIVEN = "not given";

    private ComplaintRules() {}

    /** Whether the event belongs to a complaint (a ticket of category complaint); every other ticket is ignored. */
    public static boolean isComplaintEvent(Ticket t) {
        return t.category() == TicketCategory.COMPLAINT;
    }

    /** Whether the event counts: OPENED (a complaint) or REOPENED (a reopen) of a complaint. */
    public static boolean counts(Ticket t) {
        return isComplaintEvent(t) && (t.type() == TicketType.OPENED || t.type() == TicketType.REOPENED);
    }

    /** The cause, or {@link #NOT_GIVEN} (the parser requires one on complaints, so only on other tickets). */
    public static String cause(Ticket t) {
        return orNotGiven(t.cause());
    }

    /** The cause's first segment: {@code agent}, {@code company} or {@code customer}. */
    public static String causeGroup(String cause) {
        int dot = cause.indexOf('.');
        return dot < 0 ? cause : cause.substring(0, dot);
    }

    public static String product(Ticket t) {
        return orNotGiven(t.product());
    }

    public static String department(Ticket t) {
        return orNotGiven(t.department());
    }

    public static String channel(Ticket t) {
        return t.channel() == null ? NOT_GIVEN : t.channel().wire();
    }

    private static String orNotGiven(String value) {
        return value == null || value.isEmpty() ? NOT_GIVEN : value;
    }

    /**
     * The key of a complaint's hourly row: cause, product, department and channel, separated by a character
     * that no wire value holds (unit separator).
     */
    public static String dimensionKey(Ticket t) {
        return cause(t) + SEP + product(t) + SEP + department(t) + SEP + channel(t);
    }

    static final char SEP = '\u001f';

    /** The dimensions of a {@link #dimensionKey}: cause, product, department, channel. */
    static String[] dimensions(String key) {
        return key.split(String.valueOf(SEP), -1);
    }
}
