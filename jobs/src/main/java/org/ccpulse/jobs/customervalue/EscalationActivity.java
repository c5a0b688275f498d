package org.ccpulse.jobs.customervalue;

import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.customervalue.CustomerActivity.Kind;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.jobs.platform.InboundContacts;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;

/**
 * Turns a customer's tickets and contact events into what can escalate a churn alert ({@link CustomerActivity}),
 * keyed by customer, in event time:
 *
 * <ul>
 *   <li>a <b>complaint</b>: a ticket OPENED with category complaint, at its time;
 *   <li>a <b>repeat contact</b>: an inbound contact started (QUEUED, {@link InboundContacts#isStart}) within the
 *       repeat-contact window after another inbound contact of the customer completed
 *       ({@link InboundContacts#isCompletion}), at its start; once per contact, whichever of the two arrives first;
 *   <li>a ticket <b>opened</b> (OPENED, REOPENED) or <b>closed</b> (RESOLVED, CLOSED), with the customer's open
 *       tickets after it. An event older than the ticket's latest one known changes nothing (it arrived out of
 *       order). A ticket open for {@code openTicketMaxAge} without being resolved or closed is taken as closed then.
 * </ul>
 *
 * <p>State per customer, each entry bounded in event time: the tickets open (until closed or aged out) and those
 * closed for the allowed lateness (so an older event arriving late cannot reopen them); the contacts started or
 * completed recently: a completion for the repeat-contact window plus the allowed lateness (a start in the window
 * may still arrive), a start for the allowed lateness (its earlier contact's completion may still arrive). An
 * event-time timer at each entry's end sweeps what has ended. At the end of a bounded input nothing ages out.
 */
public class EscalationActivity extends KeyedCoProcessFunction<String, Ticket, ContactEvent, CustomerActivity> {

    /** A ticket as known so far. */
    public static class TicketMark {
        public boolean open;
        public long lastTsMs;
        public long openedAtMs;

        public TicketMark() {}
    }

    /** A recent inbound contact: its start and completion as known so far. */
    public static class ContactMark {
        public long startedAtMs = NONE;
        public long completedAtMs = NONE;
        /** Whether its start was reported as a repeat contact already. */
        public boolean repeat;

        public ContactMark() {}
    }

    static final long NONE = Long.MIN_VALUE;

    private final long windowMs;
    private final long maxAgeMs;
    private final long latenessMs;

    private transient MapState<String, TicketMark> tickets;
    private transient MapState<String, ContactMark> contacts;

    public EscalationActivity(ChurnSettings settings) {
        this.windowMs = settings.repeatContactWindow().toMillis();
        this.maxAgeMs = settings.openTicketMaxAge().toMillis();
        this.latenessMs = settings.allowedLateness().toMillis();
    }

    /** Whether a contact event can matter: a start or a completion of an inbound contact of a known customer. */
    public static boolean concernsActivity(ContactEvent e) {
        return InboundContacts.isStart(e) || InboundContacts.isCompletion(e);
    }

    @Override
    public void open(OpenContext openContext) {
        tickets = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("tickets", Types.STRING, TypeInformation.of(TicketMark.class)));
        contacts = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("contacts", Types.STRING, TypeInformation.of(ContactMark.class)));
    }

    @Override
    public void processElement1(Ticket t, Context ctx, Collector<CustomerActivity> out) throws Exception {
        String customer = ctx.getCurrentKey();
        long ts = t.ts().toEpochMilli();
        TicketMark mark = tickets.get(t.ticketId());
        boolean opens = t.type() == TicketType.OPENED || t.type() == TicketType.REOPENED;
        boolean closes = t.type() == TicketType.RESOLVED || t.type() == TicketType.CLOSED;
        if ((opens || closes) && (mark == null || ts >= mark.lastTsMs)) {
            if (mark == null) {
                mark = new TicketMark();
            }
            boolean wasOpen = mark.open;
            mark.open = opens;
            mark.lastTsMs = ts;
            if (opens && !wasOpen) {
                mark.openedAtMs = ts;
            }
            tickets.put(t.ticketId(), mark);
            ctx.timerService().registerEventTimeTimer(opens ? mark.openedAtMs + maxAgeMs : ts + latenessMs);
            if (opens != wasOpen) {
                out.collect(new CustomerActivity(
                        customer, opens ? Kind.TICKET_OPENED : Kind.TICKET_CLOSED, ts, t.ticketId(), openTickets()));
            }
        }
        if (t.category() == TicketCategory.COMPLAINT && t.type() == TicketType.OPENED) {
            out.collect(CustomerActivity.complaint(customer, ts, openTickets()));
        }
    }

    @Override
    public void processElement2(ContactEvent e, Context ctx, Collector<CustomerActivity> out) throws Exception {
        if (!concernsActivity(e)) {
            return;
        }
        String customer = ctx.getCurrentKey();
        long ts = e.ts().toEpochMilli();
        ContactMark mark = contacts.get(e.contactId());
        if (mark == null) {
            mark = new ContactMark();
        }
        if (InboundContacts.isStart(e)) {
            if (mark.startedAtMs != NONE) {
                return; // a redelivered start
            }
            mark.startedAtMs = ts;
            ctx.timerService().registerEventTimeTimer(ts + latenessMs);
            for (Map.Entry<String, ContactMark> other : contacts.entries()) {
                if (!other.getKey().equals(e.contactId()) && repeats(ts, other.getValue().completedAtMs)) {
                    mark.repeat = true;
                    out.collect(CustomerActivity.repeatContact(customer, ts, openTickets()));
                    break;
                }
            }
            contacts.put(e.contactId(), mark);
        } else {
            if (mark.completedAtMs != NONE) {
                return;
            }
            mark.completedAtMs = ts;
            contacts.put(e.contactId(), mark);
            ctx.timerService().registerEventTimeTimer(ts + windowMs + latenessMs);
            // Starts that arrived before this completion (out of order) and fall in its window.
            for (Map.Entry<String, ContactMark> other : contacts.entries()) {
                ContactMark start = other.getValue();
                if (!other.getKey().equals(e.contactId()) && !start.repeat && repeats(start.startedAtMs, ts)) {
                    start.repeat = true;
                    other.setValue(start);
                    out.collect(CustomerActivity.repeatContact(customer, start.startedAtMs, openTickets()));
                }
            }
        }
    }

    /** Whether a contact started at {@code startedAtMs} repeats one completed at {@code completedAtMs}. */
    private boolean repeats(long startedAtMs, long completedAtMs) {
        return startedAtMs != NONE
                && completedAtMs != NONE
                && startedAtMs > completedAtMs
                && startedAtMs - completedAtMs <= windowMs;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerActivity> out) throws Exception {
        if (EndOfInput.reached(ctx.timerService().currentWatermark())) {
            return; // the input ended: no time passed, no ticket aged
        }
        for (Iterator<Map.Entry<String, TicketMark>> it = tickets.iterator(); it.hasNext(); ) {
            Map.Entry<String, TicketMark> entry = it.next();
            TicketMark mark = entry.getValue();
            if (mark.open && mark.openedAtMs + maxAgeMs <= timestamp) {
                it.remove();
                out.collect(new CustomerActivity(
                        ctx.getCurrentKey(),
                        Kind.TICKET_CLOSED,
                        mark.openedAtMs + maxAgeMs,
                        entry.getKey(),
                        openTickets()));
            } else if (!mark.open && mark.lastTsMs + latenessMs <= timestamp) {
                it.remove();
            }
        }
        for (Iterator<ContactMark> it = contacts.values().iterator(); it.hasNext(); ) {
            ContactMark mark = it.next();
            long keepUntil = Math.max(
                    mark.startedAtMs == NONE ? NONE : mark.startedAtMs + latenessMs,
                    mark.completedAtMs == NONE ? NONE : mark.completedAtMs + windowMs + latenessMs);
            if (keepUntil <= timestamp) {
                it.remove();
            }
        }
        // An emptied map is still an entry of the heap backend until cleared.
        if (tickets.isEmpty()) {
            tickets.clear();
        }
        if (contacts.isEmpty()) {
            contacts.clear();
        }
    }

    private int openTickets() throws Exception {
        int open = 0;
        for (TicketMark mark : tickets.values()) {
            if (mark.open) {
                open++;
            }
        }
        return open;
    }
}
