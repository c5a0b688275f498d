package org.ccpulse.jobs.complaints;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketType;

/**
 * Counts complaints (OPENED) and reopens (REOPENED) of one (cause, product, department, channel) per UTC
 * hour and business date, in event time (keyed by {@link ComplaintRules#dimensionKey}).
 *
 * <p>An hour stays open for updates until the watermark passes its end plus the allowed lateness, so a late
 * event updates the hour it belongs to; then its final row is written and its state dropped (one event-time
 * timer per hour). While open, changed hours are written every {@code flushInterval} of processing time.
 * Events later than the allowed lateness never reach this operator (the intake dead-letters them), so a
 * closed hour is never reopened. Each row's version is the number of events counted in it.
 *
 * <p>State per key: one entry per open hour (and business date: an hour of a zone with a half-hour offset
 * can span two dates), keyed by {@code hourStart + dayIndex} (0 or 1 ms: hour starts are whole hours).
 */
public class ComplaintHourAggregator extends KeyedProcessFunction<String, Ticket, ComplaintHourRow> {

    static final long HOUR_MS = 3_600_000L;

    private final ZoneId zone;
    private final Duration allowedLateness;
    private final Duration flushInterval;

    private transient MapState<Long, ComplaintHourCounts> hours;
    private transient MapState<Long, Boolean> changed;
    private transient ValueState<Long> pendingFlush;

    public ComplaintHourAggregator(ZoneId zone, Duration allowedLateness, Duration flushInterval) {
        this.zone = zone;
        this.allowedLateness = allowedLateness;
        this.flushInterval = flushInterval;
    }

    @Override
    public void open(OpenContext openContext) {
        hours = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("hours", Long.class, ComplaintHourCounts.class));
        changed = getRuntimeContext().getMapState(new MapStateDescriptor<>("changed-hours", Long.class, Boolean.class));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Long.class));
    }

    @Override
    public void processElement(Ticket t, Context ctx, Collector<ComplaintHourRow> out) throws Exception {
        long ts = t.ts().toEpochMilli();
        long hour = Math.floorDiv(ts, HOUR_MS) * HOUR_MS;
        long slot = hour + (businessDay(ts) - businessDay(hour));
        ComplaintHourCounts counts = hours.get(slot);
        if (counts == null) {
            counts = new ComplaintHourCounts();
            ctx.timerService().registerEventTimeTimer(closeTime(hour));
        }
        if (t.type() == TicketType.OPENED) {
            counts.complaints++;
        } else {
            counts.reopens++;
        }
        hours.put(slot, counts);
        changed.put(slot, Boolean.TRUE);
        if (pendingFlush.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + flushInterval.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingFlush.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ComplaintHourRow> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            pendingFlush.clear();
            List<Long> slots = new ArrayList<>();
            changed.keys().forEach(slots::add);
            for (long slot : slots) {
                emit(ctx.getCurrentKey(), slot, out);
            }
            changed.clear();
            return;
        }
        // Event time: the hour whose close time this is is final now (at the end of a bounded input too:
        // writing out what was counted is what the end of the input asks for).
        long hour = timestamp - allowedLateness.toMillis() - HOUR_MS;
        for (long slot = hour; slot <= hour + 1; slot++) {
            if (changed.contains(slot)) {
                emit(ctx.getCurrentKey(), slot, out);
                changed.remove(slot);
            }
            hours.remove(slot);
        }
        if (hours.isEmpty()) {
            changed.clear();
        }
    }

    private long closeTime(long hour) {
        return hour + HOUR_MS + allowedLateness.toMillis();
    }

    private long businessDay(long ms) {
        return Instant.ofEpochMilli(ms).atZone(zone).toLocalDate().toEpochDay();
    }

    private void emit(String key, long slot, Collector<ComplaintHourRow> out) throws Exception {
        long hour = Math.floorDiv(slot, HOUR_MS) * HOUR_MS;
        long day = businessDay(hour) + (slot - hour);
        out.collect(new ComplaintHourRow(hour, day, key, hours.get(slot).copy()));
    }
}
