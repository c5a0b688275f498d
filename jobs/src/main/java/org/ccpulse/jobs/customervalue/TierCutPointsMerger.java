package org.ccpulse.jobs.customervalue;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.platform.EndOfInput;

/**
 * The tier cut-points ({@link TierSketches#cutPoints}), at parallelism 1:
 *
 * <ul>
 *   <li>input 1, keyed by tick: the {@link RfmTracker} subtasks' sketches of a tick, merged as they arrive; once the
 *       sketch of every subtask is there, the cut-points, and the tick is forgotten. They are as of the latest
 *       event time the subtasks' figures stood at ({@link TierSketch#asOfMs}; live, the subtasks are milliseconds
 *       apart): a subtask's sketch comes before its watermark passes its own as_of, so this operator's watermark
 *       cannot pass the latest before the last sketch is in, and the cut-points reach the churn tracker before any
 *       moment after their as_of is judged ({@link ChurnAlertTracker#inForce}). None when a subtask answered before
 *       its first watermark (a run's first tick: nothing applied; or a restored run's: figures at no time yet).
 *       Keyed state, so a tick half merged at a checkpoint (possible with unaligned checkpoints) completes after a
 *       restore.
 *   <li>input 2, keyed by {@link EndOfInput#TIME}: at the end of a bounded input, every customer's figures as they
 *       stand ({@link RfmTracker#AT_END}), added to a sketch in memory (nothing after them can fail without a replay
 *       of them all); when the end of the input reaches this operator (after all of them), the last cut-points, as of
 *       the latest change of any customer: the input's last event.
 * </ul>
 *
 * No row when no customer has F >= 1.
 */
public class TierCutPointsMerger extends KeyedCoProcessFunction<Long, TierSketch, CustomerFigures, TierCutPoints> {

    private transient ValueState<PendingCutPoints> pending;
    private transient KllDoublesSketch atEnd;
    private transient long lastChangeMs;

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", PendingCutPoints.class));
        atEnd = TierSketches.empty();
        lastChangeMs = CustomerFigures.NONE;
    }

    @Override
    public void processElement1(TierSketch in, Context ctx, Collector<TierCutPoints> out) throws Exception {
        PendingCutPoints p = pending.value();
        if (p == null) {
            p = new PendingCutPoints();
            p.arrived = new boolean[in.parallelism()];
        }
        if (p.arrived[in.subtask()]) {
            return; // a subtask answers a tick once; a second copy would count its customers twice
        }
        p.arrived[in.subtask()] = true;
        p.asOfMs = Math.max(p.asOfMs, in.asOfMs());
        p.beforeTime |= in.asOfMs() == Long.MIN_VALUE;
        KllDoublesSketch merged = p.merged == null ? TierSketches.empty() : TierSketches.fromBytes(p.merged);
        merged.merge(TierSketches.fromBytes(in.sketch()));
        if (!allArrived(p.arrived)) {
            p.merged = TierSketches.toBytes(merged);
            pending.update(p);
            return;
        }
        pending.clear();
        if (!p.beforeTime) {
            emit(merged, p.asOfMs, out);
        }
    }

    @Override
    public void processElement2(CustomerFigures customer, Context ctx, Collector<TierCutPoints> out) {
        if (customer.f() >= 1) {
            atEnd.update(customer.tm().doubleValue());
        }
        lastChangeMs = Math.max(lastChangeMs, customer.asOfMs());
        ctx.timerService().registerEventTimeTimer(EndOfInput.TIME);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TierCutPoints> out) {
        emit(atEnd, lastChangeMs, out);
        atEnd = TierSketches.empty();
    }

    private static void emit(KllDoublesSketch sketch, long asOfMs, Collector<TierCutPoints> out) {
        TierCutPoints cuts = TierSketches.cutPoints(sketch, asOfMs);
        if (cuts != null) {
            out.collect(cuts);
        }
    }

    private static boolean allArrived(boolean[] arrived) {
        for (boolean a : arrived) {
            if (!a) {
                return false;
            }
        }
        return true;
    }
}
