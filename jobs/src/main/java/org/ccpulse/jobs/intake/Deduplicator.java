package org.ccpulse.jobs.intake;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops redelivered events (keyed by event_id: the first one passes, the same id again does not).
 * An id is remembered until event time passes the event's {@code ts} plus the allowed lateness: from
 * then on the {@link IntakeRouter} upstream rejects any copy as too late, so the memory can go.
 */
public final class Deduplicator<T> extends KeyedProcessFunction<String, T, T> {

    private final Duration allowedLateness;
    private final IntakeRouter.EventTime<T> eventTime;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;

    public Deduplicator(Duration allowedLateness, IntakeRouter.EventTime<T> eventTime) {
        this.allowedLateness = allowedLateness;
        this.eventTime = eventTime;
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        ctx.timerService().registerEventTimeTimer(eventTime.of(event).toEpochMilli() + allowedLateness.toMillis());
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) {
        seen.clear();
    }
}
