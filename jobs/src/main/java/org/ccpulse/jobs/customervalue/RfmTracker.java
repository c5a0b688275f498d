package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import java.time.Duration;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;

/**
 * A customer's RFM figures (METRICS.md "RFM figures"), keyed by customer_id, in event time; and what the tier
 * cut-points are computed from: on each {@link Tick} of the broadcast input, a KLL sketch of the TM of this subtask's
 * customers with F >= 1 on the side output {@link #SKETCHES}, as of this subtask's watermark (the figures stand there:
 * orders ahead of it wait; the tick's own watermark may be ahead of it, by a jump of months in a backfill); at the end
 * of a bounded input each customer's figures on the side output {@link #AT_END}.
 *
 * <ul>
 *   <li>An order ahead of the watermark is held until the watermark passes its ts (a timer there), then applied in
 *       ts order with the customer's expiries, each change as of its own moment: a customer's orders reach the
 *       tracker from several intake subtasks, which in a backfill can be days apart, and an order applied before
 *       an earlier one still on its way would make the churn tracker learn of that earlier purchase only at the
 *       later one's time. An order at or behind the watermark (late, within the allowed lateness) is applied at
 *       once.
 *   <li>The customer's event time t only moves forward: the latest of its orders' ts and of the moments an order
 *       left its window. Each change (an order, or an order leaving the window) emits the figures over the orders
 *       with ts in (t - window, t], as of t. A late order (ts before t, within the allowed lateness: later ones are
 *       dead letters before this) is placed among the others by its ts and counts if it is still in the window at
 *       t; one already out of it at t changes nothing.
 *   <li>One event-time timer per customer, at the moment its oldest order leaves the window (ts + window): it
 *       drops every order out of the window then and emits the new figures, without any further order. An order
 *       whose ts moves t past that moment drops them itself (the timer then moves to the next oldest).
 *   <li>When no order is left, the figures are F = 0, TM = 0 (the last row of the customer), and the state stays
 *       for the allowed lateness more (a timer at t + lateness), then goes, state and timer. It stays so that a late
 *       order with ts before t still finds t and the version: after that no order of ts before t passes the intake
 *       (ts + lateness <= watermark is LATE), so a customer starting afresh writes at a later ms, with a higher
 *       version than its last row.
 *   <li>Versions (the {@code customer_rfm_state} ReplacingMergeTree's): t in ms x 1,000 + the customer's changes
 *       in that ms before this one; never below the previous version + 1.
 *   <li>At the end of a bounded input ({@link EndOfInput}) no order leaves the window: time did not pass. Every
 *       customer with state has exactly one timer pending, so each fires then, once every order has been processed,
 *       and hands its figures to the last tier cut-points ({@link #AT_END}). A broadcast tick cannot do that: it may
 *       overtake orders still in flight on the keyed input.
 * </ul>
 *
 * <p>State per customer: {@link WindowOrders} (the year's orders as two arrays, and the pending timer) and the
 * last figures emitted ({@link CustomerFigures}: the version to continue from, and what the tier sketch reads,
 * without touching the orders).
 */
public class RfmTracker extends KeyedBroadcastProcessFunction<String, Order, Tick, CustomerFigures> {

    /** Each subtask's sketch of its customers' TM, one per tick. */
    public static final OutputTag<TierSketch> SKETCHES =
            new OutputTag<>("customer-value-tier-sketches", TypeInformation.of(TierSketch.class));

    /** Each customer's figures as they stand at the end of a bounded input, for the last tier cut-points. */
    public static final OutputTag<CustomerFigures> AT_END =
            new OutputTag<>("customer-value-figures-at-end", TypeInformation.of(CustomerFigures.class));

    /** The last figures emitted per customer; also read across all keys for the tier sketch. */
    static final ValueStateDescriptor<CustomerFigures> FIGURES =
            new ValueStateDescriptor<>("figures", CustomerFigures.class);

    private static final long VERSIONS_PER_MS = 1_000;

    private final long windowMs;
    private final long latenessMs;

    private transient ValueState<WindowOrders> orders;
    private transient ValueState<CustomerFigures> figures;

    public RfmTracker(Duration window, Duration allowedLateness) {
        this.windowMs = window.toMillis();
        this.latenessMs = allowedLateness.toMillis();
    }

    public static RfmTracker of(CustomerValueConfig config) {
        return new RfmTracker(config.window(), config.allowedLateness());
    }

    @Override
    public void open(OpenContext openContext) {
        orders = getRuntimeContext().getState(new ValueStateDescriptor<>("orders", WindowOrders.class));
        figures = getRuntimeContext().getState(FIGURES);
    }

    @Override
    public void processElement(Order order, ReadOnlyContext ctx, Collector<CustomerFigures> out) throws Exception {
        long ts = order.ts().toEpochMilli();
        BigDecimal signed = order.type() == OrderType.REFUND ? order.amount().negate() : order.amount();
        WindowOrders w = orders.value();
        if (w == null) {
            w = new WindowOrders();
        }
        if (ts > ctx.timerService().currentWatermark()) {
            w.hold(ts, signed);
            orders.update(w);
            ctx.timerService().registerEventTimeTimer(ts);
            return;
        }
        apply(order.customerId(), w, ts, signed, figures.value(), ctx.timerService(), out);
    }

    /** Applies an order at {@code ts}; returns the customer's figures after it. */
    private CustomerFigures apply(
            String customerId,
            WindowOrders w,
            long ts,
            BigDecimal signed,
            CustomerFigures last,
            TimerService timers,
            Collector<CustomerFigures> out)
            throws Exception {
        long t = last == null ? ts : Math.max(ts, last.asOfMs());
        if (ts <= t - windowMs) {
            orders.update(w);
            return last; // already out of the window at the customer's event time
        }
        w.add(ts, signed);
        w.dropUpTo(t - windowMs);
        return change(customerId, w, t, last, timers, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerFigures> out) throws Exception {
        WindowOrders w = orders.value();
        if (w == null) {
            return;
        }
        CustomerFigures last = figures.value();
        String customerId = ctx.getCurrentKey();
        if (EndOfInput.reached(ctx.timerService().currentWatermark())) {
            // The input ended: the orders held are applied (they are real), no order leaves the window (time did not
            // pass), and the figures go once to the last tier cut-points, whichever of the customer's timers is first.
            while (!w.holdsNone()) {
                long ts = w.nextHeldTs();
                last = apply(customerId, w, ts, w.releaseNext(), last, null, out);
            }
            if (last != null && !w.handedOn) {
                ctx.output(AT_END, last);
                w.handedOn = true;
                orders.update(w);
            }
            return;
        }
        // Held orders and expiries up to the timer, in time order; an order at an expiry's moment first (it drops
        // the expired ones itself, as one change).
        while (true) {
            long held = w.nextHeldTs();
            long expiry = w.isEmpty() || last == null ? Long.MAX_VALUE : w.oldestTs() + windowMs;
            if (Math.min(held, expiry) > timestamp) {
                break;
            }
            if (held <= expiry) {
                last = apply(customerId, w, held, w.releaseNext(), last, ctx.timerService(), out);
            } else {
                long t = Math.max(expiry, last.asOfMs());
                w.dropUpTo(t - windowMs);
                last = change(customerId, w, t, last, ctx.timerService(), out);
            }
        }
        if (w.isEmpty() && w.holdsNone() && last != null && timestamp >= w.timerMs) {
            orders.clear(); // the lateness after the last row has passed: forget the customer
            figures.clear();
            return;
        }
        orders.update(w);
    }

    /**
     * Emits the figures of {@code w} as of {@code t}, keeps them and moves the timer ({@code timers} null at the end
     * of a bounded input: no timer then). Returns them.
     */
    private CustomerFigures change(
            String customerId,
            WindowOrders w,
            long t,
            CustomerFigures last,
            TimerService timers,
            Collector<CustomerFigures> out)
            throws Exception {
        long version = t * VERSIONS_PER_MS;
        if (last != null) {
            version = Math.max(version, last.version() + 1);
        }
        CustomerFigures next = w.isEmpty()
                ? new CustomerFigures(customerId, 0, BigDecimal.ZERO, CustomerFigures.NONE, t, version)
                : new CustomerFigures(customerId, w.purchases(), w.total(), w.lastPurchaseMs(), t, version);
        long timer = w.isEmpty() ? t + latenessMs : w.oldestTs() + windowMs;
        if (timers != null && timer != w.timerMs) {
            if (w.timerMs != CustomerFigures.NONE && !w.holdsAt(w.timerMs)) {
                timers.deleteEventTimeTimer(w.timerMs);
            }
            timers.registerEventTimeTimer(timer);
            w.timerMs = timer;
        }
        orders.update(w);
        figures.update(next);
        out.collect(next);
        return next;
    }

    @Override
    public void processBroadcastElement(Tick tick, Context ctx, Collector<CustomerFigures> out) throws Exception {
        KllDoublesSketch sketch = TierSketches.empty();
        ctx.applyToKeyedState(FIGURES, (customer, state) -> {
            CustomerFigures f = state.value();
            if (f != null && f.f() >= 1) {
                sketch.update(f.tm().doubleValue());
            }
        });
        ctx.output(
                SKETCHES,
                new TierSketch(
                        tick,
                        ctx.currentWatermark(),
                        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                        getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(),
                        TierSketches.toBytes(sketch)));
    }
}
