package org.ccpulse.jobs.intake;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.metrics.Counter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.parse.Problem;

/**
 * Lets good, timely events through and sends the rest to the dead letters: records the parser
 * rejected, and events too late to count. An event is too late when {@code ts + allowedLateness <=
 * watermark}: every figure it belongs to is final by then (minutes close at that same bound).
 */
public final class IntakeRouter<T> extends ProcessFunction<Intake<T>, T> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") { };

    private final Duration allowedLateness;
    private final EventTime<T> eventTime;
    private transient Counter rejectedCount;
    private transient Counter lateCount;

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
    public void processElement(Intake<T> intake, Context ctx, Collector<T> out) {
        if (intake.rejected != null) {
            rejectedCount.inc();
            ctx.output(DEAD_LETTERS, intake.rejected);
            return;
        }
        Instant ts = eventTime.of(intake.event);
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && ts.toEpochMilli() + allowedLateness.toMillis() <= watermark) {
            lateCount.inc();
            String reason = "ts: LATE (" + ts + " is more than " + allowedLateness.toMinutes()
                    + " min behind event time " + Instant.ofEpochMilli(watermark) + ")";
            ctx.output(DEAD_LETTERS, new DeadLetter(intake.topic, intake.partition, intake.offset, intake.raw, reason,
                    Problem.LATE, "ts", Instant.now()));
            return;
        }
        out.collect(intake.event);
    }
}
