package org.ccpulse.jobs.complaints;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.platform.EndOfInput;

/**
 * The spike detector ({@link SpikeDetector}) of one cause or cause group, keyed by {@link SpikeInput#stateKey},
 * in event time. Local hours are those of the business zone.
 *
 * <ul>
 *   <li>Each complaint adds one to its local hour's running count and calls
 *       {@link SpikeDetector#checkPartialHour} with it, so a spike opens within the hour.
 *   <li>An hour is <em>final</em> once the watermark passes its end plus {@code grace}: it is then given to
 *       {@link SpikeDetector#observeHour} with its count, in order. An event-time timer at each counted hour's
 *       end + grace does that; so does each complaint and timer for every hour that is final by then. Hours
 *       without complaints are observed as 0: the detector fills the hours skipped between two observations
 *       with zeros, so an hour need not be observed on time unless a spike is open. Hence the timer chain: while
 *       a spike is open, a timer at the end of each next hour (+ grace) observes it, zero or not, so the spike
 *       closes on time even if the complaints stop. Once it is closed, no timer runs for hours without complaints
 *       (they are filled in, with the same result, at the next complaint or timer).
 *   <li>A complaint of an hour already observed (later than the grace) counts in complaints_hour but is not
 *       given to the detector: its hour's verdict stands.
 *   <li>At the end of a bounded input ({@link EndOfInput}) nothing is observed: hours that had not passed by
 *       the last real watermark stay unobserved, and no spike closes because the input ended.
 * </ul>
 *
 * <p>State per key: the {@link SpikeBaseline} (fixed size, about 5.5 KB) and the running counts of the hours not
 * yet final (a few entries: the hours between the watermark and the latest complaint). A key without a complaint
 * for {@code idle} (and no spike open) is dropped, state and timers; a complaint after that starts it afresh,
 * warm-up included.
 */
public class ComplaintSpikeTracker extends KeyedProcessFunction<String, SpikeInput, ComplaintSpike> {

    private static final long HOUR_MS = 3_600_000L;

    private final SpikeSettings settings;
    private final ZoneId zone;
    private final long graceMs;
    private final long idleMs;

    private transient SpikeDetector detector;
    private transient ValueState<SpikeBaseline> baseline;
    private transient MapState<Long, Long> pendingHours;
    private transient ValueState<Long> idleAt;

    public ComplaintSpikeTracker(SpikeSettings settings, ZoneId zone, Duration grace, Duration idle) {
        this.settings = settings;
        this.zone = zone;
        this.graceMs = grace.toMillis();
        this.idleMs = idle.toMillis();
    }

    public static ComplaintSpikeTracker of(ComplaintsConfig config) {
        return new ComplaintSpikeTracker(
                config.spikes(), config.businessZone(), config.spikeHourGrace(), config.spikeKeyIdle());
    }

    @Override
    public void open(OpenContext openContext) {
        detector = new SpikeDetector(settings, zone);
        baseline = getRuntimeContext().getState(new ValueStateDescriptor<>("baseline", SpikeBaseline.class));
        pendingHours =
                getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-hours", Long.class, Long.class));
        idleAt = getRuntimeContext().getState(new ValueStateDescriptor<>("idle-at", Long.class));
    }

    @Override
    public void processElement(SpikeInput in, Context ctx, Collector<ComplaintSpike> out) throws Exception {
        SpikeBaseline b = baseline.value();
        if (b == null) {
            b = SpikeBaseline.create(in.level(), in.key());
        }
        catchUp(b, ctx.timerService().currentWatermark(), out);
        long hour = localHourStart(in.tsMs());
        if (b.lastHourMs == SpikeBaseline.NONE || hour > b.lastHourMs) {
            Long sofar = pendingHours.get(hour);
            long count = sofar == null ? 1 : sofar + 1;
            pendingHours.put(hour, count);
            if (sofar == null) {
                ctx.timerService().registerEventTimeTimer(finalAt(hour));
            }
            emit(detector.checkPartialHour(b, hour, count), out);
        }
        baseline.update(b);
        Long idle = idleAt.value();
        long next = hour + idleMs;
        if (idle == null || next > idle) {
            if (idle != null) {
                ctx.timerService().deleteEventTimeTimer(idle);
            }
            ctx.timerService().registerEventTimeTimer(next);
            idleAt.update(next);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ComplaintSpike> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (EndOfInput.reached(watermark)) {
            return; // the input ended: no hour passed because of that
        }
        SpikeBaseline b = baseline.value();
        if (b == null) {
            return;
        }
        catchUp(b, watermark, out);
        Long idle = idleAt.value();
        if (!b.isOpen() && idle != null && timestamp >= idle && pendingHours.isEmpty()) {
            baseline.clear();
            pendingHours.clear();
            idleAt.clear();
            return;
        }
        if (b.isOpen()) {
            ctx.timerService().registerEventTimeTimer(finalAt(b.lastHourMs + HOUR_MS));
        }
        baseline.update(b);
    }

    /** Observes, in order, every hour that is final at {@code watermark} and not yet observed. */
    private void catchUp(SpikeBaseline b, long watermark, Collector<ComplaintSpike> out) throws Exception {
        if (watermark == Long.MIN_VALUE || EndOfInput.reached(watermark)) {
            return;
        }
        long lastFinal = localHourStart(watermark - graceMs - HOUR_MS);
        List<Long> hours = new ArrayList<>();
        for (Long h : pendingHours.keys()) {
            if (h <= lastFinal) {
                hours.add(h);
            }
        }
        hours.sort(null);
        for (long h : hours) {
            emit(detector.observeHour(b, h, pendingHours.get(h)), out);
            pendingHours.remove(h);
        }
        if (b.lastHourMs != SpikeBaseline.NONE && b.lastHourMs < lastFinal) {
            emit(detector.observeHour(b, lastFinal, 0), out);
        }
    }

    private long finalAt(long hour) {
        return hour + HOUR_MS + graceMs;
    }

    /** The start of the local hour (business zone) an instant falls in. */
    long localHourStart(long ms) {
        return Instant.ofEpochMilli(ms)
                .atZone(zone)
                .truncatedTo(ChronoUnit.HOURS)
                .toInstant()
                .toEpochMilli();
    }

    private static void emit(SpikeDecision decision, Collector<ComplaintSpike> out) {
        decision.events().forEach(out::collect);
    }
}
