package org.ccpulse.jobs.complaints;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.platform.EndOfInput;

/**
 * The spike detector ({@link SpikeDetector}) of one cause or cause group, keyed by {@link SpikeInput#stateKey},
 * in event time. Local hours are those of the business zone.
 *
 * <ul>
 *   <li>Each complaint adds one to its local hour's running count. The hour in progress (the one right after
 *       the last hour observed) is given to {@link SpikeDetector#checkPartialHour} with its count so far, so a
 *       spike opens within the hour. Only that hour, and only once every hour before it is observed: the bound
 *       it is checked against is then the one its full hour will have, so whether and in which hour a spike
 *       opens does not depend on how far the watermark had come when a complaint arrived. A complaint of a later hour (its previous hour not final yet) waits for a
 *       timer at that previous hour's end + grace, which observes it and then checks the complaint's hour.
 *   <li>The partial checks are in event time, at minute ends: each complaint's minute of the hour is kept with
 *       its hour's count, and the spike opens at the first minute end (from the hour's start + grace, when the
 *       hour before was final) at which the hour's count by then is over the bound, once the watermark has
 *       passed that minute end (a timer there when the count so far opens it ahead of the watermark), with that
 *       count; a pending hour gets the checks it has not had yet before it is observed in full. So a run that
 *       reads complaints hours ahead of its watermark (a backlog, after a restore or in a backfill: the
 *       watermark is emitted periodically) opens a spike in the same minute, with the same count, as a live run
 *       does; live, that is at most a minute plus the watermark's lag after the complaint that took it over.
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
 * yet final, with the minute of each of their complaints (a few entries: the hours between the watermark and the
 * latest complaint; one byte per complaint). A key without a complaint
 * for {@code idle} (and no spike open) is dropped, state and timers; a complaint after that starts it afresh,
 * warm-up included.
 */
public class ComplaintSpikeTracker extends KeyedProcessFunction<String, SpikeInput, ComplaintSpike> {

    private static final long HOUR_MS = 3_600_000L;
    private static final long MINUTE_MS = 60_000L;

    private final SpikeSettings settings;
    private final ZoneId zone;
    private final long graceMs;
    private final long idleMs;

    private transient SpikeDetector detector;
    private transient ValueState<SpikeBaseline> baseline;
    private transient ValueState<PendingHours> pendingHours;
    private transient ValueState<Long> idleAt;
    /**
     * Per key of this subtask, the baseline's estimate of the hour of the last complaint, valid while the baseline
     * has observed no further hour: the partial check is called only when that estimate says the count so far
     * opens a spike (it then decides the same), which spares it a bound found by bisection at every complaint.
     * Not state: rebuilt after a restore.
     */
    private transient Map<String, CachedEstimate> estimates;

    private record CachedEstimate(long hour, long hoursObserved, SpikeDetector.Estimate estimate) {}

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
        pendingHours = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-hours", PendingHours.class));
        idleAt = getRuntimeContext().getState(new ValueStateDescriptor<>("idle-at", Long.class));
        estimates = new HashMap<>();
    }

    @Override
    public void processElement(SpikeInput in, Context ctx, Collector<ComplaintSpike> out) throws Exception {
        SpikeBaseline b = baseline.value();
        boolean changed = b == null;
        if (b == null) {
            b = SpikeBaseline.create(in.level(), in.key());
        }
        long watermark = ctx.timerService().currentWatermark();
        changed |= catchUp(ctx.getCurrentKey(), b, watermark, out);
        long hour = localHourStart(in.tsMs());
        if (b.lastHourMs == SpikeBaseline.NONE || hour > b.lastHourMs) {
            PendingHours pending = pendingHours.value();
            if (pending == null) {
                pending = new PendingHours();
            }
            long count = pending.add(hour, (int) ((in.tsMs() - hour) / MINUTE_MS));
            pendingHours.update(pending);
            if (count == 1) {
                ctx.timerService().registerEventTimeTimer(finalAt(hour));
                if (b.lastHourMs != SpikeBaseline.NONE && hour > b.lastHourMs + HOUR_MS) {
                    ctx.timerService().registerEventTimeTimer(finalAt(hour - HOUR_MS));
                }
            }
            changed |= checkHourInProgress(ctx.getCurrentKey(), b, pending, watermark, ctx.timerService(), out);
        }
        if (changed) { // the baseline is 5.5 KB: written back only when it changed
            baseline.update(b);
        }
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
        catchUp(ctx.getCurrentKey(), b, watermark, out);
        PendingHours pending = pendingHours.value();
        if (pending != null) {
            checkHourInProgress(ctx.getCurrentKey(), b, pending, watermark, ctx.timerService(), out);
        }
        Long idle = idleAt.value();
        if (!b.isOpen() && idle != null && timestamp >= idle && pendingHours.value() == null) {
            baseline.clear();
            pendingHours.clear();
            idleAt.clear();
            estimates.remove(ctx.getCurrentKey());
            return;
        }
        if (b.isOpen()) {
            ctx.timerService().registerEventTimeTimer(finalAt(b.lastHourMs + HOUR_MS));
        }
        baseline.update(b);
    }

    /**
     * Observes, in order, every hour that is final at {@code watermark} and not yet observed, each after the partial
     * checks it would have had while it was in progress ({@link #checkBeforeItsEnd}); returns whether it observed
     * any.
     */
    private boolean catchUp(String key, SpikeBaseline b, long watermark, Collector<ComplaintSpike> out)
            throws Exception {
        if (watermark == Long.MIN_VALUE || EndOfInput.reached(watermark)) {
            return false;
        }
        long observedBefore = b.hoursObserved;
        long lastFinal = localHourStart(watermark - graceMs - HOUR_MS);
        PendingHours pending = pendingHours.value();
        if (pending != null) {
            int n = pending.upTo(lastFinal);
            for (int i = 0; i < n; i++) {
                checkBeforeItsEnd(key, b, pending, pending.hours[i], out);
                emit(detector.observeHour(b, pending.hours[i], pending.counts[i]), out);
            }
            if (n > 0) {
                pending.dropFirst(n);
                if (pending.isEmpty()) {
                    pendingHours.clear();
                } else {
                    pendingHours.update(pending);
                }
            }
        }
        if (b.lastHourMs != SpikeBaseline.NONE && b.lastHourMs < lastFinal) {
            emit(detector.observeHour(b, lastFinal, 0), out);
        }
        return b.hoursObserved != observedBefore;
    }

    /**
     * The partial checks of the hour right after the last one observed (any later hour waits until every hour
     * before it is observed), in event time: at each minute end from the hour's start + grace (when the hour before
     * was final) up to the watermark, with the hour's count by that minute end; the first at which the count opens
     * the spike opens it, with that count. When the count so far would open it at a minute end the watermark has not
     * passed yet, a timer at that minute end checks again (the count by then may still grow, with complaints of that
     * minute not read yet). Returns whether it opened a spike.
     */
    private boolean checkHourInProgress(
            String key,
            SpikeBaseline b,
            PendingHours pending,
            long watermark,
            TimerService timers,
            Collector<ComplaintSpike> out) {
        if (b.isOpen() || b.lastHourMs == SpikeBaseline.NONE) {
            return false;
        }
        long hour = b.lastHourMs + HOUR_MS;
        long count = pending.countOf(hour);
        if (count == 0 || !opens(key, b, hour, count)) {
            return false; // nor would any count by an earlier minute end: counts only grow
        }
        long[] byMinute = pending.countsByMinute(hour);
        if (byMinute == null) { // a state from before the minutes were kept: the count so far
            emit(detector.checkPartialHour(b, hour, count), out);
            return true;
        }
        int end = firstOpeningMinuteEnd(key, b, hour, byMinute);
        if (end == 0) {
            return false; // only the full hour opens it, once it is final
        }
        if (watermark < hour + end * MINUTE_MS) {
            timers.registerEventTimeTimer(hour + end * MINUTE_MS);
            return false;
        }
        emit(detector.checkPartialHour(b, hour, byMinute[end - 1]), out);
        return true;
    }

    /**
     * Before a pending hour is observed in full: the partial checks it has not had yet, at each minute end. A run
     * that reads complaints far ahead of its watermark (a backlog: the watermark is emitted periodically, hours
     * behind) has an hour counted in full before the hour before it is final, and would otherwise open its spike only
     * with the full hour. The hours before it not observed yet have no complaint (they would be pending): they are
     * observed as 0 first, as {@link SpikeDetector#observeHour} would fill them.
     */
    private void checkBeforeItsEnd(
            String key, SpikeBaseline b, PendingHours pending, long hour, Collector<ComplaintSpike> out) {
        if (b.isOpen() || b.lastHourMs == SpikeBaseline.NONE) {
            return;
        }
        if (b.lastHourMs < hour - HOUR_MS) {
            emit(detector.observeHour(b, hour - HOUR_MS, 0), out);
        }
        long[] byMinute = pending.countsByMinute(hour);
        if (byMinute == null || !opens(key, b, hour, pending.countOf(hour))) {
            return;
        }
        int end = firstOpeningMinuteEnd(key, b, hour, byMinute);
        if (end > 0) {
            emit(detector.checkPartialHour(b, hour, byMinute[end - 1]), out);
        }
    }

    /**
     * The first minute end of {@code hour} (the one right after the last observed), from its start + grace to its
     * last minute's start (59), at which the count by then opens the spike; 0 if none.
     */
    private int firstOpeningMinuteEnd(String key, SpikeBaseline b, long hour, long[] byMinute) {
        for (int end = (int) Math.max(1, (graceMs + MINUTE_MS - 1) / MINUTE_MS); end < 60; end++) {
            long count = byMinute[end - 1];
            if (count > 0 && opens(key, b, hour, count)) {
                return end;
            }
        }
        return 0;
    }

    /** Whether {@link SpikeDetector#checkPartialHour} would open a spike (the same rule, on a cached estimate). */
    private boolean opens(String key, SpikeBaseline b, long hour, long count) {
        CachedEstimate c = estimates.get(key);
        if (c == null || c.hour != hour || c.hoursObserved != b.hoursObserved) {
            c = new CachedEstimate(hour, b.hoursObserved, detector.estimate(b, hour));
            estimates.put(key, c);
        }
        SpikeDetector.Estimate e = c.estimate;
        return e.known()
                && e.warmedUp()
                && count > e.bound()
                && count >= settings.minCount()
                && count >= settings.minRatio() * e.expected();
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
