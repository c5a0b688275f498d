package org.ccpulse.jobs.customervalue;

import static org.ccpulse.jobs.customervalue.ChurnCustomerState.NONE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.ChurnAlertStatus;
import org.ccpulse.schemas.event.EscalationReason;
import org.ccpulse.schemas.event.Tier;

/**
 * Churn alerts (METRICS.md "Churn alerts"), keyed by customer, in event time. The keyed input is the customer's
 * figures (after each purchase, refund, or purchase leaving the 365-day window) and activity
 * ({@link EscalationActivity}); the broadcast input the tier cut-points, kept by their as_of: a moment is judged by
 * the latest as of before it ({@link #inForce}).
 *
 * <ul>
 *   <li><b>OPENED</b> at the due moment, lastPurchase + k x P (the moment R crosses k x P), by an event-time timer,
 *       so time passing is enough, when the customer then has F >= min purchases and a tier (by the cut-points
 *       in force then: the latest as of before the moment) in the alerted set. No cut-points yet means no tier, and no alert. Figures that arrive when their
 *       due moment has already passed (late, or a refund of an overdue customer) are judged at once, the alert opening
 *       at the later of the due moment and the figures' time. A change of cut-points alone judges nobody again (it
 *       would touch every customer of the state at each broadcast).
 *   <li><b>ESCALATED</b> when the customer complained or made a repeat contact within the escalation window (30 days)
 *       before, or has an open ticket: checked when the alert opens (an ESCALATED at the same time), and at each
 *       activity while it is open. Each reason escalates an alert once: an ESCALATED lists only the reasons not given
 *       before, so an alert has at most three, and a reason that comes back (a second complaint) escalates nothing.
 *   <li><b>RESOLVED</b> at the customer's next purchase (figures with a later last purchase), at the purchase's time
 *       (or the opening, for a late purchase that arrived after it).
 *   <li>One alert per overdue episode: once opened, the alert stays open until that purchase, whatever its figures
 *       or tier do meanwhile (a refund, a purchase leaving the window moving the due moment). A new alert needs a new
 *       purchase and a new due moment.
 * </ul>
 *
 * <p>Everything happens in event-time order: an input ahead of the watermark (inputs of a backfill run apart; figures
 * and activity come from different operators) waits in state for an event-time timer at its time, so a purchase read
 * early cannot cancel the alert of the overdue episode before it, nor a complaint escalate an alert before its time.
 * An input behind the watermark (late, or behind the live clock) is applied at once.
 *
 * <p>Ids are stable, so a replay after a restore (or a rerun on the same input) produces the same events:
 * alert id = customer and due moment; event id = alert id, status and, for an escalation, its reasons.
 *
 * <p>At the end of a bounded input ({@link EndOfInput}) the inputs received are applied (a purchase still resolves
 * its alert), but no due moment acts: nobody becomes overdue because the input ended; figures stand as of the last
 * event time.
 *
 * <p>State per customer: one {@link ChurnCustomerState}, and the inputs waiting for event time. It is dropped, with its timers, once the customer can
 * raise no alert and has nothing to escalate one: no open alert, fewer purchases than the minimum (F = 0 included),
 * no open ticket and no complaint or repeat contact within the escalation window. A customer with an open alert is
 * kept until its next purchase, however long that takes (the alert is open all that time).
 */
public class ChurnAlertTracker extends KeyedBroadcastProcessFunction<String, ChurnInput, TierCutPoints, ChurnAlertRow> {

    /**
     * The broadcast state: tier cut-points by their as_of, those that can still be in force (see {@link #inForce}):
     * every one ahead of the watermark, and the latest before it minus the allowed lateness.
     */
    public static final MapStateDescriptor<Long, TierCutPoints> CUT_POINTS =
            new MapStateDescriptor<>("tier-cut-points-by-as-of", Types.LONG, TypeInformation.of(TierCutPoints.class));

    /** {@link #dropAt}: at once. */
    private static final long NOW = NONE + 1;

    private final ChurnSettings settings;
    private final long windowMs;

    private transient ValueState<ChurnCustomerState> state;
    /** Inputs ahead of the watermark, by their event time: each is applied when event time reaches it. */
    private transient MapState<Long, List<ChurnInput>> pending;

    public ChurnAlertTracker(ChurnSettings settings) {
        this.settings = settings;
        this.windowMs = settings.escalationWindow().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("churn-customer", TypeInformation.of(ChurnCustomerState.class)));
        pending = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "churn-pending", Types.LONG, Types.LIST(TypeInformation.of(ChurnInput.class))));
    }

    @Override
    public void processBroadcastElement(TierCutPoints cuts, Context ctx, Collector<ChurnAlertRow> out)
            throws Exception {
        BroadcastState<Long, TierCutPoints> byAsOf = ctx.getBroadcastState(CUT_POINTS);
        byAsOf.put(cuts.asOfMs(), cuts);
        // Forget those no moment still to be judged can take: older than the latest as of before the watermark
        // minus the allowed lateness (a late input is judged at its own time, at most that far back).
        long watermark = ctx.currentWatermark();
        long horizon = watermark == Long.MIN_VALUE
                ? watermark
                : watermark - settings.allowedLateness().toMillis();
        long keepFrom = Long.MIN_VALUE;
        for (Map.Entry<Long, TierCutPoints> e : byAsOf.entries()) {
            if (e.getKey() < horizon) {
                keepFrom = Math.max(keepFrom, e.getKey());
            }
        }
        List<Long> stale = new ArrayList<>();
        for (Map.Entry<Long, TierCutPoints> e : byAsOf.entries()) {
            if (e.getKey() < keepFrom) {
                stale.add(e.getKey());
            }
        }
        for (Long asOf : stale) {
            byAsOf.remove(asOf);
        }
    }

    /**
     * The cut-points in force at {@code atMs}: the latest as of before it (null when none). Not simply the latest
     * received: cut-points are computed from the orders, which a backfill may read months ahead of the tickets and
     * contacts that hold this operator's event time back, and a due moment must not be judged by tiers of months
     * later. Every cut-points as of before the watermark has arrived: the merger emits them ahead of its watermark
     * passing their as_of, and the broadcast input holds this operator's watermark back.
     */
    static TierCutPoints inForce(Iterable<Map.Entry<Long, TierCutPoints>> byAsOf, long atMs) {
        TierCutPoints best = null;
        for (Map.Entry<Long, TierCutPoints> e : byAsOf) {
            if (e.getKey() < atMs && (best == null || e.getKey() > best.asOfMs())) {
                best = e.getValue();
            }
        }
        return best;
    }

    @Override
    public void processElement(ChurnInput in, ReadOnlyContext ctx, Collector<ChurnAlertRow> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (in.tsMs() > watermark) {
            // Ahead of event time: applied when the watermark passes it, in event-time order with the due moments.
            List<ChurnInput> at = pending.get(in.tsMs());
            at = at == null ? new ArrayList<>() : new ArrayList<>(at);
            at.add(in);
            pending.put(in.tsMs(), at);
            ctx.timerService().registerEventTimeTimer(in.tsMs());
            return;
        }
        ChurnCustomerState st = state.value();
        if (st == null) {
            st = new ChurnCustomerState();
        }
        apply(st, in, ctx, watermark, out); // late: the watermark has passed it already
        settle(st, ctx.timerService(), watermark);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChurnAlertRow> out) throws Exception {
        ChurnCustomerState st = state.value();
        if (st == null) {
            st = new ChurnCustomerState();
        }
        List<ChurnInput> inputs = pending.get(timestamp);
        if (inputs != null) {
            pending.remove(timestamp);
            for (ChurnInput in : inputs) {
                apply(st, in, ctx, timestamp, out);
            }
        }
        if (EndOfInput.reached(ctx.timerService().currentWatermark())) {
            // The input ended: what was received is applied (a purchase still resolves), but no time passed, so
            // nobody became overdue and nothing is dropped.
            if (st.dueTimerMs == timestamp) {
                st.dueTimerMs = NONE;
            }
            state.update(st);
            return;
        }
        if (timestamp == st.dueTimerMs) {
            st.dueTimerMs = NONE;
            judge(st, ctx, timestamp, out);
        }
        if (timestamp == st.cleanupTimerMs) {
            st.cleanupTimerMs = NONE;
        }
        settle(st, ctx.timerService(), timestamp);
    }

    /** One input, at event time {@code nowMs} (its own time, or the watermark's if it came late). */
    private void apply(
            ChurnCustomerState st, ChurnInput in, ReadOnlyContext ctx, long nowMs, Collector<ChurnAlertRow> out)
            throws Exception {
        if (in.figures() != null) {
            CustomerFigures fig = in.figures();
            if (st.hasFigures && fig.version() <= st.figuresVersion) {
                return; // an older change than the one held
            }
            st.hasFigures = true;
            st.f = fig.f();
            st.tm = fig.tm();
            st.lastPurchaseMs = fig.lastPurchaseMs();
            st.figuresAsOfMs = fig.asOfMs();
            st.figuresVersion = fig.version();
            if (st.alertOpen() && fig.f() > 0 && fig.lastPurchaseMs() > st.episodeLastPurchaseMs) {
                resolve(st, ctx.getCurrentKey(), Math.max(fig.asOfMs(), st.openedAtMs), out);
            }
            if (!st.alertOpen() && alertable(st)) {
                long due = dueMs(st);
                if (due <= nowMs) {
                    judge(st, ctx, Math.max(due, fig.asOfMs()), out);
                }
            }
        } else {
            CustomerActivity a = in.activity();
            switch (a.kind()) {
                case COMPLAINT -> st.lastComplaintMs = Math.max(st.lastComplaintMs, a.tsMs());
                case REPEAT_CONTACT -> st.lastRepeatContactMs = Math.max(st.lastRepeatContactMs, a.tsMs());
                default -> {}
            }
            st.openTickets = a.openTickets();
            if (st.alertOpen()) {
                escalate(st, ctx.getCurrentKey(), Math.max(a.tsMs(), st.openedAtMs), out);
            }
        }
    }

    /** Whether the customer has enough purchases in the window to be alerted on. */
    private boolean alertable(ChurnCustomerState st) {
        return st.buying() && st.f >= settings.minPurchases();
    }

    private long dueMs(ChurnCustomerState st) {
        return settings.dueMs(st.lastPurchaseMs, st.f);
    }

    /** Opens the alert at {@code atMs} if the customer is overdue, alertable and of an alerted tier by the cut-points in force then. */
    private void judge(ChurnCustomerState st, ReadOnlyContext ctx, long atMs, Collector<ChurnAlertRow> out)
            throws Exception {
        if (st.alertOpen() || !alertable(st) || dueMs(st) > atMs) {
            return;
        }
        TierCutPoints cuts = inForce(ctx.getBroadcastState(CUT_POINTS).immutableEntries(), atMs);
        Tier tier = cuts == null ? null : cuts.tierOf(st.tm);
        if (tier == null || !settings.alertedTiers().contains(tier)) {
            return;
        }
        String customer = ctx.getCurrentKey();
        st.alertId = customer + "/" + Instant.ofEpochMilli(dueMs(st));
        st.openedAtMs = atMs;
        st.openedTier = tier;
        st.episodeLastPurchaseMs = st.lastPurchaseMs;
        st.reasonsGiven = 0;
        out.collect(row(st, customer, ChurnAlertStatus.OPENED, atMs, 0, st.alertId + "/" + ChurnAlertStatus.OPENED));
        escalate(st, customer, atMs, out);
    }

    /** An ESCALATED with the reasons that hold at {@code atMs} and were not given yet, if any. */
    private void escalate(ChurnCustomerState st, String customer, long atMs, Collector<ChurnAlertRow> out) {
        int fresh = reasonsAt(st, atMs) & ~st.reasonsGiven;
        if (fresh == 0) {
            return;
        }
        st.reasonsGiven |= fresh;
        StringJoiner id = new StringJoiner("+", st.alertId + "/" + ChurnAlertStatus.ESCALATED + "/", "");
        ChurnAlertRow.reasonList(fresh).forEach(r -> id.add(r.wire()));
        out.collect(row(st, customer, ChurnAlertStatus.ESCALATED, atMs, fresh, id.toString()));
    }

    /**
     * The reasons that hold at {@code atMs}: a complaint or a repeat contact within the window before it (or after it:
     * activity known already, arrived ahead of the watermark), an open ticket now.
     */
    private int reasonsAt(ChurnCustomerState st, long atMs) {
        int bits = 0;
        if (st.lastComplaintMs != NONE && st.lastComplaintMs > atMs - windowMs) {
            bits |= ChurnAlertRow.bit(EscalationReason.COMPLAINT);
        }
        if (st.lastRepeatContactMs != NONE && st.lastRepeatContactMs > atMs - windowMs) {
            bits |= ChurnAlertRow.bit(EscalationReason.REPEAT_CONTACT);
        }
        if (st.openTickets > 0) {
            bits |= ChurnAlertRow.bit(EscalationReason.OPEN_TICKET);
        }
        return bits;
    }

    private void resolve(ChurnCustomerState st, String customer, long atMs, Collector<ChurnAlertRow> out) {
        out.collect(
                row(st, customer, ChurnAlertStatus.RESOLVED, atMs, 0, st.alertId + "/" + ChurnAlertStatus.RESOLVED));
        st.alertId = null;
        st.openedAtMs = NONE;
        st.openedTier = null;
        st.episodeLastPurchaseMs = NONE;
        st.reasonsGiven = 0;
    }

    private static ChurnAlertRow row(
            ChurnCustomerState st, String customer, ChurnAlertStatus status, long atMs, int reasons, String eventId) {
        return new ChurnAlertRow(
                st.alertId,
                eventId,
                customer,
                status,
                atMs,
                st.openedAtMs,
                st.openedTier,
                st.hasFigures ? st.f : 0,
                st.tm,
                st.buying() ? st.lastPurchaseMs : st.episodeLastPurchaseMs,
                reasons);
    }

    /**
     * The timers for what the customer's state now is (its due moment; when it can be dropped), or the state dropped
     * now if it holds nothing that matters any more. {@code nowMs}: the event time reached.
     */
    private void settle(ChurnCustomerState st, TimerService timers, long nowMs) throws Exception {
        long due = !st.alertOpen() && alertable(st) && dueMs(st) > nowMs ? dueMs(st) : NONE;
        st.dueTimerMs = replace(timers, st.dueTimerMs, due);

        long dropAt = dropAt(st);
        boolean nothingPending = pending.isEmpty();
        if (nothingPending && (dropAt == NOW || (dropAt != NONE && dropAt <= nowMs))) {
            replace(timers, st.dueTimerMs, NONE);
            replace(timers, st.cleanupTimerMs, NONE);
            state.clear();
            pending.clear();
            return;
        }
        // Due now but inputs are pending: their timers settle again. (A timer at or before the time reached would
        // fire again at once, and again.)
        st.cleanupTimerMs = replace(timers, st.cleanupTimerMs, dropAt > nowMs ? dropAt : NONE);
        state.update(st);
    }

    /**
     * When the state can be dropped: once the last complaint and repeat contact are out of the escalation window, if
     * nothing else keeps it ({@link ChurnCustomerState#NONE} when something does; {@link #NOW} when nothing at all
     * does).
     */
    private long dropAt(ChurnCustomerState st) {
        if (st.alertOpen() || alertable(st) || st.openTickets > 0) {
            return NONE;
        }
        long last = Math.max(st.lastComplaintMs, st.lastRepeatContactMs);
        return last == NONE ? NOW : last + windowMs;
    }

    /** Moves a timer from {@code current} to {@code wanted} (either may be NONE); returns {@code wanted}. */
    private static long replace(TimerService timers, long current, long wanted) {
        if (current != wanted) {
            if (current != NONE) {
                timers.deleteEventTimeTimer(current);
            }
            if (wanted != NONE) {
                timers.registerEventTimeTimer(wanted);
            }
        }
        return wanted;
    }
}
