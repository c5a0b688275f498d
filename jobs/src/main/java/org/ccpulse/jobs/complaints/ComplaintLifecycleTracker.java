package org.ccpulse.jobs.complaints;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.Ticket;

/**
 * The lifecycle of each complaint, keyed by ticket_id: every event of a complaint ticket updates its
 * {@link ComplaintState}, and once its OPENED is known every change writes a {@code complaint_lifecycle} row
 * (version = events applied, so the newest wins and a replay writes the same rows).
 *
 * <p>Out of order: the state does not depend on arrival order. Events before the OPENED (a RESOLVED that
 * arrives first) are kept and written no row: without its OPENED a ticket is not yet a complaint; when the
 * OPENED arrives, its one row holds them all.
 *
 * <p>Bounded state, one event-time timer per complaint: the state goes when event time passes the last CLOSED
 * plus the allowed lateness (a later REOPENED, which the intake still lets through for a CLOSED within the
 * lateness, keeps it), or, for a complaint never closed (or never OPENED), {@code lifecycleMaxAge} after its
 * first event; its last row stays in ClickHouse. An event of a complaint whose state is gone starts a new state
 * without OPENED, so it writes nothing (a REOPENED months after the CLOSED: counted in complaints_hour, not
 * here). At the end of a bounded input nothing is dropped.
 */
public class ComplaintLifecycleTracker extends KeyedProcessFunction<String, Ticket, ComplaintLifecycleRow> {

    private final ZoneId zone;
    private final Duration allowedLateness;
    private final Duration maxAge;

    private transient ValueState<ComplaintState> complaint;

    public ComplaintLifecycleTracker(ZoneId zone, Duration allowedLateness, Duration maxAge) {
        this.zone = zone;
        this.allowedLateness = allowedLateness;
        this.maxAge = maxAge;
    }

    @Override
    public void open(OpenContext openContext) {
        complaint = getRuntimeContext().getState(new ValueStateDescriptor<>("complaint", ComplaintState.class));
    }

    @Override
    public void processElement(Ticket t, Context ctx, Collector<ComplaintLifecycleRow> out) throws Exception {
        ComplaintState s = complaint.value();
        if (s == null) {
            s = new ComplaintState();
        }
        s.apply(t);
        long due = dropTime(s);
        if (due != s.timerMs) {
            if (s.timerMs != ComplaintState.NONE) {
                ctx.timerService().deleteEventTimeTimer(s.timerMs);
            }
            ctx.timerService().registerEventTimeTimer(due);
            s.timerMs = due;
        }
        complaint.update(s);
        if (s.opened()) {
            out.collect(row(s));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ComplaintLifecycleRow> out) throws Exception {
        if (EndOfInput.reached(ctx.timerService().currentWatermark())) {
            return; // the input ended: nothing is forgotten because of that
        }
        ComplaintState s = complaint.value();
        if (s != null && timestamp == s.timerMs) {
            complaint.clear();
        }
    }

    /** When the state may go: the last CLOSED + the allowed lateness, at the latest the first event + max age. */
    long dropTime(ComplaintState s) {
        long aged = s.firstEventMs + maxAge.toMillis();
        return s.closed() ? Math.min(aged, s.lastStatusMs + allowedLateness.toMillis()) : aged;
    }

    private ComplaintLifecycleRow row(ComplaintState s) {
        ComplaintLifecycleRow r = new ComplaintLifecycleRow();
        r.businessDay =
                Instant.ofEpochMilli(s.openedAtMs).atZone(zone).toLocalDate().toEpochDay();
        r.ticketId = s.ticketId;
        r.customerId = s.customerId;
        r.openedAtMs = s.openedAtMs;
        r.cause = s.cause;
        r.causeGroup = ComplaintRules.causeGroup(s.cause);
        r.product = s.product;
        r.department = s.department;
        r.channel = s.channel;
        r.severity = s.severity;
        r.dueAtMs = s.dueAtMs == ComplaintState.NONE ? null : s.dueAtMs;
        r.firstResolvedAtMs =
                s.firstResolvedMs == ComplaintState.NONE ? null : Math.max(s.openedAtMs, s.firstResolvedMs);
        r.closedAtMs = s.closed() ? s.lastClosedMs : null;
        r.reopens = s.reopens;
        r.status = s.status();
        r.version = s.events;
        return r;
    }
}
