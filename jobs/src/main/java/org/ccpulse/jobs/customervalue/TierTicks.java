package org.ccpulse.jobs.customervalue;

import java.time.Duration;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.ccpulse.jobs.platform.EndOfInput;

/**
 * When the tier cut-points are recomputed: a parallelism-1 operator that watches event time (the watermarks of the
 * orders stream; no order reaches it, see {@link #eventTimeOnly}) and sends a {@link Tick}, broadcast to every
 * {@link RfmTracker} subtask,
 *
 * <ul>
 *   <li>the first time the watermark enters a new interval of {@code interval} (aligned on the epoch, e.g. each
 *       hour),
 *   <li>but not sooner than {@code minGap} of processing time after the previous tick: a backfill crossing a year
 *       of hours in minutes recomputes every {@code minGap}, not 8,760 times. A tick held back by it is sent when
 *       the gap has passed (a processing-time timer), even if event time stands still;
 * </ul>
 *
 * A tick only says "sketch now"; the cut-points are as of where the trackers' figures stand when they answer it
 * ({@link TierSketch#asOfMs}). In a backfill that can be well behind the tick: the watermark moves in jumps (one
 * Kafka fetch spans days of orders), and a jump of months is one tick, answered with the figures before it.
 *
 * The end of a bounded input (the watermark at {@link EndOfInput#TIME}) sends no tick: the last cut-points come from
 * the customers' own timers then ({@link RfmTracker#AT_END}), which run after every order, where a tick could overtake
 * orders still on their way. Nothing is checkpointed: a restored run ticks at its first watermark.
 */
public class TierTicks<T> extends AbstractStreamOperator<Tick> implements OneInputStreamOperator<T, Tick> {

    private final long intervalMs;
    private final long minGapMs;

    private transient long watermark;
    private transient long lastTickAt;
    private transient long lastTickProcessingTime;
    private transient boolean heldBack;

    public TierTicks(Duration interval, Duration minGap) {
        this.intervalMs = interval.toMillis();
        this.minGapMs = minGap.toMillis();
    }

    public static <T> TierTicks<T> of(CustomerValueConfig config) {
        return new TierTicks<>(config.tierInterval(), config.tierMinInterval());
    }

    /** Lets no record through: only the watermarks travel on to the one tick operator, not every order. */
    public static <T> FilterFunction<T> eventTimeOnly() {
        return record -> false;
    }

    @Override
    public void open() throws Exception {
        super.open();
        watermark = CustomerFigures.NONE;
        lastTickAt = CustomerFigures.NONE;
        lastTickProcessingTime = CustomerFigures.NONE;
        heldBack = false;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        // never called: the input carries watermarks only
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long w = mark.getTimestamp();
        if (EndOfInput.reached(w)) {
            heldBack = false; // the end of the input is not an hour passing
        } else if (w > watermark) {
            watermark = w;
            if (lastTickAt == CustomerFigures.NONE
                    || Math.floorDiv(w, intervalMs) > Math.floorDiv(lastTickAt, intervalMs)) {
                tickOrHoldBack();
            }
        }
        super.processWatermark(mark);
    }

    private void tickOrHoldBack() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        long allowedAt = lastTickProcessingTime == CustomerFigures.NONE ? now : lastTickProcessingTime + minGapMs;
        if (now >= allowedAt) {
            tick(now);
        } else if (!heldBack) {
            heldBack = true;
            getProcessingTimeService().registerTimer(allowedAt, this::sendHeldBack);
        }
    }

    private void sendHeldBack(long time) {
        if (heldBack) {
            tick(getProcessingTimeService().getCurrentProcessingTime());
        }
    }

    private void tick(long now) {
        heldBack = false;
        lastTickAt = watermark;
        lastTickProcessingTime = now;
        output.collect(new StreamRecord<>(new Tick(watermark)));
    }
}
