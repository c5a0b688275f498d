package org.ccpulse.jobs.complaints;

/**
 * One row of ClickHouse's {@code complaint_lifecycle}: a complaint as it stands after {@code version} of its
 * events. Instants are epoch milliseconds; null where not (yet) known.
 */
public class ComplaintLifecycleRow {
    /** Business day of the opening (in the business zone) as days since 1970-01-01. */
    public long businessDay;

    public String ticketId;
    public String customerId;
    public long openedAtMs;
    public String cause;
    public String causeGroup;
    public String product;
    public String department;
    public String channel;
    public String severity;
    public Long dueAtMs;
    public Long firstResolvedAtMs;
    public Long closedAtMs;
    public int reopens;
    public String status;
    public int version;

    public ComplaintLifecycleRow() {}

    /** Resolution time: from OPENED to the first RESOLVED; null while unresolved. */
    public Long resolutionMs() {
        return firstResolvedAtMs == null ? null : firstResolvedAtMs - openedAtMs;
    }

    /** Past due at {@code asOfMs}: neither resolved nor closed (so open, reopened included) and its deadline passed. */
    public boolean pastDueAt(long asOfMs) {
        return status.equals("open") && dueAtMs != null && dueAtMs <= asOfMs;
    }

    @Override
    public String toString() {
        return ticketId + " " + status + " v" + version + " opened " + java.time.Instant.ofEpochMilli(openedAtMs)
                + " resolved " + firstResolvedAtMs + " reopens " + reopens;
    }
}
