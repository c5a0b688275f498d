package org.ccpulse.jobs.customervalue;

import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Merges the {@link RfmTracker} subtasks' sketches of a tick, keyed by tick id (run at parallelism 1), and once the
 * sketch of every subtask has arrived emits the tier cut-points ({@link TierSketches#cutPoints}) and forgets the
 * tick. The cut-points are as of the tick's event time; those of the last tick of a bounded input as of the latest
 * order any subtask processed (the input's last event), or its last watermark if later. No row when no customer
 * has F >= 1.
 *
 * <p>Keyed state, so a tick half merged at a checkpoint (possible with unaligned checkpoints) completes after a
 * restore.
 */
public class TierCutPointsMerger extends KeyedProcessFunction<Long, TierSketch, TierCutPoints> {

    private transient ValueState<PendingCutPoints> pending;

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("pending", PendingCutPoints.class));
    }

    @Override
    public void processElement(TierSketch in, Context ctx, Collector<TierCutPoints> out) throws Exception {
        PendingCutPoints p = pending.value();
        if (p == null) {
            p = new PendingCutPoints();
            p.arrived = new boolean[in.parallelism()];
        }
        if (p.arrived[in.subtask()]) {
            return; // a subtask answers a tick once; a second copy would count its customers twice
        }
        p.arrived[in.subtask()] = true;
        KllDoublesSketch merged = p.merged == null ? TierSketches.empty() : TierSketches.fromBytes(p.merged);
        merged.merge(TierSketches.fromBytes(in.sketch()));
        p.eventTimeReachedMs = Math.max(p.eventTimeReachedMs, in.eventTimeReachedMs());
        if (!allArrived(p.arrived)) {
            p.merged = TierSketches.toBytes(merged);
            pending.update(p);
            return;
        }
        pending.clear();
        Tick tick = in.tick();
        long asOf = tick.last() ? Math.max(tick.asOfMs(), p.eventTimeReachedMs) : tick.asOfMs();
        if (asOf == CustomerFigures.NONE) {
            return; // the input ended before any order
        }
        TierCutPoints cuts = TierSketches.cutPoints(merged, asOf);
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
