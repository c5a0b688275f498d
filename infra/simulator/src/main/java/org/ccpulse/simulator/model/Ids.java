package org.ccpulse.simulator.model;

/**
 * Identifiers of one run: {@code <run>-e<n>} for events, {@code -c} contacts, {@code -t}
 * tickets, {@code -o} orders (n in base 36). The run prefix keeps ids of different runs
 * (a backfill, then a live run) from colliding in the same topics.
 */
public final class Ids {
    private final String eventPrefix;
    private final String contactPrefix;
    private final String ticketPrefix;
    private final String orderPrefix;
    private long events;
    private long contacts;
    private long tickets;
    private long orders;

    public Ids(String run) {
        this.eventPrefix = run + "-e";
        this.contactPrefix = run + "-c";
        this.ticketPrefix = run + "-t";
        this.orderPrefix = run + "-o";
    }

    public String event() {
        return eventPrefix + Long.toString(events++, 36);
    }

    public String contact() {
        return contactPrefix + Long.toString(contacts++, 36);
    }

    public String ticket() {
        return ticketPrefix + Long.toString(tickets++, 36);
    }

    public String order() {
        return orderPrefix + Long.toString(orders++, 36);
    }

    /** {@code prefix} followed by {@code n} zero-padded to {@code width} digits, e.g. cust-0000042. */
    public static String padded(String prefix, long n, int width) {
        String digits = Long.toString(n);
        return prefix + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
