package org.ccpulse.jobs.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.Rejection;

/**
 * Lets good, timely events through and sends the rest to the dead letters: records the parser
 * rejected, and events too late to count. An event is too late when {@code ts + allowedLateness <=
 * watermark}: every figure it belongs to is final by then (minutes close at that same bound).
 *
 * <p>Watermarks are not checkpointed: a restored job starts from no event time, and until its
 * sources have caught up it would let through events an uninterrupted run rejects, into minutes
 * already final. So the router checkpoints the event time it has reached and, restored, judges by
 * that until the watermark passes it: the lowest any subtask had reached, as splits may move.
 */
public final class IntakeRouter<T> extends ProcessFunction<Intake<T>, T> implements CheckpointedFunction {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final Duration allowedLateness;
    private final EventTime<T> eventTime;
    private transient Counter rejectedCount;
    private transient Counter lateCount;
    private transient ListState<Long> checkpointedEventTime;
    /** The highest watermark seen, or restored: what lateness is judged by. */
    private transient long eventTimeReached;

    /** The event time of an event (its {@code ts}). */
    @FunctionalInterface
    public interface EventTime<T> extends java.io.Serializable {
        Instant of(T event);
    }

    public IntakeRouter(Duration allowedLateness, EventTime<T> eventTime) {
        this.allowedLateness = allowedLateness;
        this.eventTime = eventTime;
    }

    @Override
    public void open(OpenContext openContext) {
        rejectedCount = getRuntimeContext().getMetricGroup().counter("rejectedRecords");
        lateCount = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        checkpointedEventTime = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("event-time-reached", Long.class));
        List<Long> subtasks = new ArrayList<>();
        checkpointedEventTime.get().forEach(subtasks::add);
        eventTimeReached = subtasks.isEmpty() ? Long.MIN_VALUE : Collections.min(subtasks);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        checkpointedEventTime.update(List.of(eventTimeReached));
    }

    @Override
    public void processElement(Intake<T> intake, Context ctx, Collector<T> out) {
        if (intake.rejected != null) {
            rejectedCount.inc();
            ctx.output(DEAD_LETTERS, intake.rejected);
            return;
        }
        Instant ts = eventTime.of(intake.event);
        eventTimeReached = Math.max(eventTimeReached, ctx.timerService().currentWatermark());
        long watermark = eventTimeReached;
        if (watermark != Long.MIN_VALUE && ts.toEpochMilli() + allowedLateness.toMillis() <= watermark) {
            lateCount.inc();
            String detail = ts + " is more than " + allowedLateness.toMinutes() + " min behind event time "
                    + Instant.ofEpochMilli(watermark);
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetter.of(
                            intake.topic,
                            intake.partition,
                            intake.offset,
                            intake.raw,
                            new Rejection("ts", Problem.LATE, detail),
                            Instant.now()));
            return;
        }
        out.collect(intake.event);
    }
}
