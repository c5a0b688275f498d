package org.ccpulse.jobs.complaints;

import org.ccpulse.schemas.event.Ticket;

/**
 * What the lifecycle tracker keeps of one complaint: a fixed handful of fields, whatever the number of its
 * events, each derived so that the result does not depend on the order the events arrive in (a Flink POJO).
 *
 * <ul>
 *   <li>opening: the OPENED with the earliest {@code ts} gives opened_at and the attribution (customer,
 *       cause, product, department, channel, severity);
 *   <li>first resolution: the earliest RESOLVED (never before opened_at: a RESOLVED stamped earlier counts
 *       as at the opening);
 *   <li>status: the latest of RESOLVED, REOPENED and CLOSED by {@code ts} ({@code resolved}, {@code open},
 *       {@code closed}; none yet: {@code open}); at equal {@code ts} CLOSED beats REOPENED beats RESOLVED;
 *   <li>deadline: the {@code due_at} of the latest event carrying one (an UPDATED may move it);
 *   <li>reopens: REOPENED events; events: every event applied, the row's version.
 * </ul>
 */
public class ComplaintState {

    public static final long NONE = Long.MIN_VALUE;

    static final int NO_STATUS = 0;
    static final int RESOLVED = 1;
    static final int REOPENED = 2;
    static final int CLOSED = 3;

    public String ticketId;
    public long firstEventMs = NONE;

    public long openedAtMs = NONE;
    public String customerId;
    public String cause;
    public String product;
    public String department;
    public String channel;
    public String severity;

    public long dueAtMs = NONE;
    /** The ts of the event whose due_at is {@link #dueAtMs}. */
    public long dueAtFromMs = NONE;

    public long firstResolvedMs = NONE;
    public long lastClosedMs = NONE;
    public long lastStatusMs = NONE;
    public int lastStatus = NO_STATUS;

    public int reopens;
    public int events;

    /** The event time of the one timer set for this complaint, or {@link #NONE}. */
    public long timerMs = NONE;

    public ComplaintState() {}

    /** Applies one event (of any type, in any order). */
    void apply(Ticket t) {
        long ts = t.ts().toEpochMilli();
        events++;
        if (firstEventMs == NONE || ts < firstEventMs) {
            firstEventMs = ts;
        }
        if (ticketId == null) {
            ticketId = t.ticketId();
        }
        if (t.dueAt() != null) {
            long due = t.dueAt().toEpochMilli();
            if (dueAtFromMs == NONE || ts > dueAtFromMs || (ts == dueAtFromMs && due > dueAtMs)) {
                dueAtMs = due;
                dueAtFromMs = ts;
            }
        }
        switch (t.type()) {
            case OPENED -> {
                if (openedAtMs == NONE || ts < openedAtMs) {
                    openedAtMs = ts;
                    customerId = t.customerId();
                    cause = ComplaintRules.cause(t);
                    product = ComplaintRules.product(t);
                    department = ComplaintRules.department(t);
                    channel = ComplaintRules.channel(t);
                    severity = t.severity().wire();
                }
            }
            case RESOLVED -> {
                firstResolvedMs = firstResolvedMs == NONE ? ts : Math.min(firstResolvedMs, ts);
                status(ts, RESOLVED);
            }
            case REOPENED -> {
                reopens++;
                status(ts, REOPENED);
            }
            case CLOSED -> {
                lastClosedMs = lastClosedMs == NONE ? ts : Math.max(lastClosedMs, ts);
                status(ts, CLOSED);
            }
            case UPDATED -> {}
        }
    }

    private void status(long ts, int status) {
        if (lastStatusMs == NONE || ts > lastStatusMs || (ts == lastStatusMs && status > lastStatus)) {
            lastStatusMs = ts;
            lastStatus = status;
        }
    }

    boolean opened() {
        return openedAtMs != NONE;
    }

    boolean closed() {
        return lastStatus == CLOSED;
    }

    /** {@code open}, {@code resolved} or {@code closed}; a reopened complaint is open again. */
    String status() {
        return switch (lastStatus) {
            case RESOLVED -> "resolved";
            case CLOSED -> "closed";
            default -> "open";
        };
    }
}
