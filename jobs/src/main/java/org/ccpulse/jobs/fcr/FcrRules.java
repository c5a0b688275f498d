package org.ccpulse.jobs.fcr;

import static org.ccpulse.jobs.fcr.FcrContact.NONE;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ccpulse.jobs.calendar.BusinessTime;
import org.ccpulse.jobs.platform.InboundContacts;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Outcome;

/**
 * METRICS.md's first-contact resolution for one customer, as plain functions over the customer's
 * contacts ({@link FcrContact}) and the event time reached (the watermark), without Flink: what
 * {@link FcrTracker} calls on every event and timer, and what the unit tests call directly.
 *
 * <p>For an eligible contact C (completed at c) and a window (length W):
 * <ul>
 *   <li>a <b>repeat</b> is another contact of the customer started in (c, c + W]; in a same-issue
 *       window only one that completed, by {@link #reasonDeadline}, with a reason whose first segment
 *       equals C's (C without a reason has no issue to repeat);
 *   <li>C is settled {@code repeat} as soon as a repeat is known, by the earliest one known (an earlier
 *       one arriving out of order rewrites the row);
 *   <li>C is settled {@code resolved} when event time reaches its {@link #closeTime}: c + W plus the
 *       allowed lateness (by then every start in the window has arrived, or would be too late), in a
 *       same-issue window later while a repeat in the window has not ended yet (at most until the
 *       reason deadline);
 *   <li>nothing is settled, and no pair made certain, because a bounded input ended (see {@link #evaluate}).
 * </ul>
 * The pair row of C and its first repeat (the earliest start in (c, c + longest W]) is written once
 * that repeat is certainly the first: event time past its start plus the allowed lateness (an earlier
 * start would be rejected as late), so a replay writes the same pair; version 1 once the repeat has
 * ended.
 *
 * <p>Everything depends only on the events and the watermark, never on the wall clock or on the
 * order in which events of different contacts arrive, so a replay writes the same final rows.
 */
public final class FcrRules implements Serializable {

    /** Where rows go. */
    public interface Emitter {
        void outcome(FcrOutcomeRow row);

        void repeat(FcrRepeatRow row);
    }

    private static final Comparator<FcrContact> BY_START =
            Comparator.comparingLong((FcrContact c) -> c.startedAtMs).thenComparing(c -> c.contactId);
    private static final Comparator<FcrContact> BY_COMPLETION =
            Comparator.comparingLong((FcrContact c) -> c.endedAtMs).thenComparing(c -> c.contactId);

    private final List<FcrWindow> windows;
    private final long latenessMs;
    private final long endWaitMs;
    private final long longestMs;
    private final BusinessTime businessTime;

    public FcrRules(FcrConfig config) {
        this.windows = config.windows();
        this.latenessMs = config.allowedLateness().toMillis();
        this.endWaitMs = FcrConfig.REPEAT_END_WAIT.toMillis();
        this.longestMs = windows.stream().mapToLong(FcrWindow::lengthMs).max().orElseThrow();
        this.businessTime = new BusinessTime(config.businessZone(), config.intervalMinutes());
    }

    /**
     * Whether an event can matter: an inbound contact of a known customer that is not a transfer leg,
     * starting (QUEUED) or ending (COMPLETED, ABANDONED). Everything else is dropped before the
     * events are keyed by customer.
     */
    public static boolean concernsFcr(ContactEvent e) {
        return InboundContacts.counts(e) && e.type() != ContactEventType.ANSWERED;
    }

    /** Merges one event into the customer's contacts; returns whether anything changed. */
    public boolean record(List<FcrContact> contacts, ContactEvent e) {
        if (!concernsFcr(e)) {
            return false;
        }
        FcrContact contact = null;
        for (FcrContact c : contacts) {
            if (c.contactId.equals(e.contactId())) {
                contact = c;
                break;
            }
        }
        if (contact == null) {
            contact = new FcrContact(e.contactId());
            contacts.add(contact);
        }
        long ts = e.ts().toEpochMilli();
        switch (e.type()) {
            case QUEUED -> {
                if (contact.startedAtMs != NONE && contact.startedAtMs <= ts) {
                    return false;
                }
                contact.startedAtMs = ts;
                contact.startQueue = e.queue();
                contact.startChannel = e.channel();
            }
            case ABANDONED -> {
                if (contact.end != FcrContact.OPEN) {
                    return false;
                }
                contact.end = FcrContact.ABANDONED;
                contact.endedAtMs = ts;
            }
            case COMPLETED -> {
                if (contact.end == FcrContact.COMPLETED) {
                    return false;
                }
                contact.end = FcrContact.COMPLETED;
                contact.endedAtMs = ts;
                contact.reason = e.reason() == null ? "" : e.reason();
                contact.queue = e.queue();
                contact.channel = e.channel();
                contact.team = e.team() == null ? "" : e.team();
                contact.agentId = e.agentId() == null ? "" : e.agentId();
                contact.agentResolved = e.outcome() == Outcome.RESOLVED;
                contact.businessDay = businessTime.businessDate(e.ts()).toEpochDay();
                contact.windows = null;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Brings every eligible contact's windows and pair row up to date with what is known at event time
     * {@code watermark}, emitting a row for each change. Never called with the end of time a bounded
     * input ends with ({@link org.ccpulse.jobs.platform.EndOfInput}): the input ending is not time
     * passing, so nothing is settled or made certain by it.
     */
    public void evaluate(String customerId, List<FcrContact> contacts, long watermark, Emitter out) {
        List<FcrContact> starts = starts(contacts);
        for (FcrContact c : eligible(contacts)) {
            FcrWindowState[] states = windowStates(c);
            for (int i = 0; i < windows.size(); i++) {
                FcrWindow w = windows.get(i);
                FcrWindowState st = states[i];
                if (st.status == FcrWindowState.RESOLVED) {
                    continue;
                }
                FcrContact repeat = firstRepeat(c, w, starts);
                if (repeat != null) {
                    if (st.status != FcrWindowState.REPEAT || earlier(repeat, st)) {
                        st.status = FcrWindowState.REPEAT;
                        st.repeatContactId = repeat.contactId;
                        st.repeatStartedAtMs = repeat.startedAtMs;
                        out.outcome(outcomeRow(customerId, c, w, st));
                    }
                } else if (st.status != FcrWindowState.REPEAT) {
                    if (watermark >= closeTime(c, w, starts)) {
                        st.status = FcrWindowState.RESOLVED;
                        out.outcome(outcomeRow(customerId, c, w, st));
                    } else if (st.status == FcrWindowState.NEW) {
                        st.status = FcrWindowState.PENDING;
                        out.outcome(outcomeRow(customerId, c, w, st));
                    }
                }
            }
            pair(customerId, c, starts, watermark, out);
        }
    }

    /** The pair row of C and its first repeat: once certain, and again once the repeat ended. */
    private void pair(String customerId, FcrContact c, List<FcrContact> starts, long watermark, Emitter out) {
        FcrContact first = firstStartAfter(c, longestMs, starts);
        if (first == null) {
            return;
        }
        if (c.pairRepeatId == null) {
            if (watermark >= first.startedAtMs + latenessMs) {
                c.pairRepeatId = first.contactId;
                c.pairVersion = (byte) (endedInTime(first) ? 1 : 0);
                out.repeat(repeatRow(customerId, c, first, c.pairVersion));
            }
        } else if (c.pairVersion == 0 && c.pairRepeatId.equals(first.contactId) && endedInTime(first)) {
            c.pairVersion = 1;
            out.repeat(repeatRow(customerId, c, first, 1));
        }
    }

    /**
     * When C's window may settle as resolved, in event time: c + W plus the allowed lateness; in a
     * same-issue window no earlier than each repeat in the window has ended (its end known, or its
     * {@link #reasonDeadline} passed), plus the allowed lateness.
     */
    long closeTime(FcrContact c, FcrWindow w, List<FcrContact> starts) {
        long windowEnd = c.endedAtMs + w.lengthMs();
        long until = windowEnd;
        if (w.sameIssue()) {
            for (FcrContact r : starts) {
                if (r.startedAtMs > windowEnd) {
                    break;
                }
                if (r.startedAtMs > c.endedAtMs && !r.contactId.equals(c.contactId)) {
                    long deadline = reasonDeadline(c, w, r);
                    long ended = r.end != FcrContact.OPEN && r.endedAtMs <= deadline ? r.endedAtMs : deadline;
                    until = Math.max(until, ended);
                }
            }
        }
        return until + latenessMs;
    }

    /**
     * The latest end at which repeat R's reason still counts for C's same-issue window: the window's
     * end, or 24 h after R started if that is later ({@link FcrConfig#REPEAT_END_WAIT}).
     */
    long reasonDeadline(FcrContact c, FcrWindow w, FcrContact r) {
        return Math.max(c.endedAtMs + w.lengthMs(), r.startedAtMs + endWaitMs);
    }

    /** The earliest repeat of C in window w among the starts known, or null. */
    FcrContact firstRepeat(FcrContact c, FcrWindow w, List<FcrContact> starts) {
        long windowEnd = c.endedAtMs + w.lengthMs();
        for (FcrContact r : starts) {
            if (r.startedAtMs > windowEnd) {
                break;
            }
            if (r.startedAtMs > c.endedAtMs
                    && !r.contactId.equals(c.contactId)
                    && (!w.sameIssue() || sameIssue(c, w, r))) {
                return r;
            }
        }
        return null;
    }

    private FcrContact firstStartAfter(FcrContact c, long lengthMs, List<FcrContact> starts) {
        long windowEnd = c.endedAtMs + lengthMs;
        for (FcrContact r : starts) {
            if (r.startedAtMs > windowEnd) {
                break;
            }
            if (r.startedAtMs > c.endedAtMs && !r.contactId.equals(c.contactId)) {
                return r;
            }
        }
        return null;
    }

    /** Whether R, started in C's window, is about the same issue: both gave a reason with the same first segment. */
    private boolean sameIssue(FcrContact c, FcrWindow w, FcrContact r) {
        return r.end == FcrContact.COMPLETED
                && r.endedAtMs <= reasonDeadline(c, w, r)
                && !c.reason.isEmpty()
                && !r.reason.isEmpty()
                && issue(c.reason).equals(issue(r.reason));
    }

    /** The first segment of a dotted reason code: {@code billing} of {@code billing.dispute}. */
    public static String issue(String reason) {
        int dot = reason.indexOf('.');
        return dot < 0 ? reason : reason.substring(0, dot);
    }

    /** Whether a pair's repeat has ended in time for its reason to go into the pair row. */
    private boolean endedInTime(FcrContact r) {
        return r.end != FcrContact.OPEN && r.endedAtMs <= r.startedAtMs + endWaitMs;
    }

    private static boolean earlier(FcrContact r, FcrWindowState st) {
        return r.startedAtMs < st.repeatStartedAtMs
                || (r.startedAtMs == st.repeatStartedAtMs && r.contactId.compareTo(st.repeatContactId) < 0);
    }

    /**
     * Until when a contact must be kept, in event time: as a possible repeat of a contact whose
     * COMPLETED may still arrive (its start plus the allowed lateness), while an earlier contact waits
     * for its end (its reason), and as an eligible contact until every window has closed and its pair
     * row is final.
     */
    long keepUntil(FcrContact x, List<FcrContact> contacts, List<FcrContact> starts) {
        long until = NONE;
        if (x.started()) {
            until = x.startedAtMs + latenessMs;
            if (x.end == FcrContact.OPEN) {
                // Someone may wait for this contact's end: a same-issue window or a pair row of an earlier contact.
                for (FcrContact c : contacts) {
                    if (c.completed()
                            && c != x
                            && x.startedAtMs > c.endedAtMs
                            && x.startedAtMs <= c.endedAtMs + longestMs) {
                        until = Math.max(until, x.startedAtMs + endWaitMs + latenessMs);
                        for (FcrWindow w : windows) {
                            if (w.sameIssue() && x.startedAtMs <= c.endedAtMs + w.lengthMs()) {
                                until = Math.max(until, reasonDeadline(c, w, x) + latenessMs);
                            }
                        }
                    }
                }
            }
        }
        if (x.end != FcrContact.OPEN) {
            until = Math.max(until, x.endedAtMs + latenessMs);
        }
        if (x.completed()) {
            for (FcrWindow w : windows) {
                until = Math.max(until, closeTime(x, w, starts));
            }
            FcrContact first = firstStartAfter(x, longestMs, starts);
            if (first != null && first.end == FcrContact.OPEN && x.pairVersion != 1) {
                until = Math.max(until, first.startedAtMs + endWaitMs + latenessMs);
            }
        }
        return until;
    }

    /**
     * The next event time after {@code watermark} at which something may change without a new event:
     * a window closing, a pair becoming certain, a contact no longer needed. {@link FcrContact#NONE}
     * when there is none (no contacts).
     */
    public long nextTime(List<FcrContact> contacts, long watermark) {
        List<FcrContact> starts = starts(contacts);
        long next = Long.MAX_VALUE;
        for (FcrContact x : contacts) {
            next = earliestAfter(next, keepUntil(x, contacts, starts), watermark);
            if (x.completed()) {
                FcrWindowState[] states = windowStates(x);
                for (int i = 0; i < windows.size(); i++) {
                    byte status = states[i].status;
                    if (status == FcrWindowState.NEW || status == FcrWindowState.PENDING) {
                        next = earliestAfter(next, closeTime(x, windows.get(i), starts), watermark);
                    }
                }
                FcrContact first = firstStartAfter(x, longestMs, starts);
                if (first != null && x.pairRepeatId == null) {
                    next = earliestAfter(next, first.startedAtMs + latenessMs, watermark);
                }
            }
        }
        return next == Long.MAX_VALUE ? NONE : next;
    }

    private static long earliestAfter(long next, long time, long watermark) {
        return time > watermark && time < next ? time : next;
    }

    /** The contacts still needed at event time {@code watermark}; the others are dropped. */
    public List<FcrContact> keep(List<FcrContact> contacts, long watermark) {
        List<FcrContact> starts = starts(contacts);
        List<FcrContact> kept = new ArrayList<>(contacts.size());
        for (FcrContact x : contacts) {
            if (keepUntil(x, contacts, starts) > watermark) {
                kept.add(x);
            }
        }
        return kept;
    }

    /** The window states of an eligible contact in the configured order, created (NEW) for windows it has none for. */
    private FcrWindowState[] windowStates(FcrContact c) {
        FcrWindowState[] states = c.windows;
        if (states != null && states.length == windows.size()) {
            boolean same = true;
            for (int i = 0; i < states.length && same; i++) {
                same = states[i].label.equals(windows.get(i).label());
            }
            if (same) {
                return states;
            }
        }
        // First evaluation, or restored under another list of windows: keep what the windows still configured had.
        FcrWindowState[] fresh = new FcrWindowState[windows.size()];
        for (int i = 0; i < fresh.length; i++) {
            String label = windows.get(i).label();
            fresh[i] = new FcrWindowState(label);
            if (states != null) {
                for (FcrWindowState old : states) {
                    if (old.label.equals(label)) {
                        fresh[i] = old;
                    }
                }
            }
        }
        c.windows = fresh;
        return fresh;
    }

    private static List<FcrContact> starts(List<FcrContact> contacts) {
        List<FcrContact> starts = new ArrayList<>(contacts.size());
        for (FcrContact c : contacts) {
            if (c.started()) {
                starts.add(c);
            }
        }
        starts.sort(BY_START);
        return starts;
    }

    private static List<FcrContact> eligible(List<FcrContact> contacts) {
        List<FcrContact> eligible = new ArrayList<>(contacts.size());
        for (FcrContact c : contacts) {
            if (c.completed()) {
                eligible.add(c);
            }
        }
        eligible.sort(BY_COMPLETION);
        return eligible;
    }

    private static FcrOutcomeRow outcomeRow(String customerId, FcrContact c, FcrWindow w, FcrWindowState st) {
        FcrOutcomeRow row = new FcrOutcomeRow();
        row.businessDay = c.businessDay;
        row.window = w.label();
        row.contactId = c.contactId;
        row.customerId = customerId;
        row.completedAtMs = c.endedAtMs;
        row.queue = c.queue;
        row.channel = c.channel;
        row.team = c.team;
        row.agentId = c.agentId;
        row.reason = c.reason;
        row.agentResolved = c.agentResolved;
        switch (st.status) {
            case FcrWindowState.REPEAT -> {
                row.status = FcrOutcomeRow.REPEAT;
                row.repeatContactId = st.repeatContactId;
                row.repeatStartedAtMs = st.repeatStartedAtMs;
                row.version = 1;
            }
            case FcrWindowState.RESOLVED -> {
                row.status = FcrOutcomeRow.RESOLVED;
                row.repeatContactId = "";
                row.version = 1;
            }
            default -> {
                row.status = FcrOutcomeRow.PENDING;
                row.repeatContactId = "";
                row.version = 0;
            }
        }
        return row;
    }

    private static FcrRepeatRow repeatRow(String customerId, FcrContact c, FcrContact r, int version) {
        FcrRepeatRow row = new FcrRepeatRow();
        row.firstBusinessDay = c.businessDay;
        row.firstContactId = c.contactId;
        row.repeatContactId = r.contactId;
        row.customerId = customerId;
        row.firstCompletedAtMs = c.endedAtMs;
        row.repeatStartedAtMs = r.startedAtMs;
        row.firstQueue = c.queue;
        row.firstChannel = c.channel;
        row.firstTeam = c.team;
        row.firstAgentId = c.agentId;
        row.firstReason = c.reason;
        row.firstAgentResolved = c.agentResolved;
        row.repeatQueue = r.startQueue;
        row.repeatChannel = r.startChannel;
        row.repeatReason = version == 1 && r.completed() ? r.reason : "";
        row.version = version;
        return row;
    }
}
