package org.ccpulse.jobs.servicelevel;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.calendar.BusinessTime;
import org.ccpulse.schemas.event.Channel;

/**
 * Adds queue facts into per-minute figures of one queue and channel, in event time.
 *
 * <p>A minute stays open for updates until the watermark passes its end plus the allowed
 * lateness, so a late event updates the minute it belongs to; then its final row is emitted and
 * its state dropped. While open, changed minutes are emitted every {@code flushInterval} of
 * processing time, so a wallboard sees a contact seconds after it leaves the queue rather than
 * when an interval closes. Facts later than the allowed lateness never reach this operator (they
 * are dead-lettered upstream), so a closed minute is never reopened.
 */
public class QueueMinuteAggregator extends KeyedProcessFunction<String, QueueFact, QueueMinuteRow> {

    private static final long MINUTE_MS = 60_000;

    private final ServiceLevelConfig config;
    private final Duration flushInterval;

    private transient BusinessTime businessTime;
    private transient MapState<Long, QueueCounts> minutes;
    /**
     * The minutes changed since the last flush (a flush is pending while there are any), in one small value rather
     * than a map: the map was iterated at every flush and every minute's close, and in RocksDB each iteration steps
     * over the deletion markers of the minutes dropped before, which made this operator the job's bottleneck.
     */
    private transient ValueState<long[]> changedMinutes;

    public QueueMinuteAggregator(ServiceLevelConfig config, Duration flushInterval) {
        this.config = config;
        this.flushInterval = flushInterval;
    }

    @Override
    public void open(OpenContext openContext) {
        businessTime = new BusinessTime(config.businessZone(), config.intervalMinutes());
        minutes = getRuntimeContext().getMapState(new MapStateDescriptor<>("minutes", Long.class, QueueCounts.class));
        changedMinutes = getRuntimeContext()
                .getState(new ValueStateDescriptor<>(
                        "changed-minute-list", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(QueueFact fact, Context ctx, Collector<QueueMinuteRow> out) throws Exception {
        long minute = Math.floorDiv(fact.tsMs, MINUTE_MS) * MINUTE_MS;
        QueueCounts counts = minutes.get(minute);
        if (counts == null) {
            counts = new QueueCounts();
            ctx.timerService().registerEventTimeTimer(closeTime(minute));
        }
        Duration d = Duration.ofNanos(fact.durationNanos);
        switch (fact.kind) {
            case ANSWERED -> counts.addAnswered(d, config.rulesFor(fact.queue, fact.channel));
            case ABANDONED -> counts.addAbandoned(d, config.rulesFor(fact.queue, fact.channel));
            case COMPLETED -> counts.addCompleted(d);
        }
        minutes.put(minute, counts);
        long[] changed = changedMinutes.value();
        if (changed == null) {
            ctx.timerService()
                    .registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + flushInterval.toMillis());
            changedMinutes.update(new long[] {minute});
        } else if (indexOf(changed, minute) < 0) {
            long[] more = Arrays.copyOf(changed, changed.length + 1);
            more[changed.length] = minute;
            changedMinutes.update(more);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueMinuteRow> out) throws Exception {
        long[] changed = changedMinutes.value();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (changed != null) { // else the minutes changed were all closed (and emitted) since
                for (long minute : changed) {
                    emit(ctx.getCurrentKey(), minute, minutes.get(minute), out);
                }
                changedMinutes.clear();
            }
            return;
        }
        // Event time: the minute whose close time this is is final now. Its final row goes out whether or not it
        // changed since the last flush (the same version again, if not): no change can be left behind, not even one
        // a savepoint of an earlier version of this operator held.
        long minute = timestamp - config.allowedLateness().toMillis() - MINUTE_MS;
        QueueCounts counts = minutes.get(minute);
        if (counts == null) {
            return; // already closed and dropped: nothing left to write
        }
        emit(ctx.getCurrentKey(), minute, counts, out);
        int i = changed == null ? -1 : indexOf(changed, minute);
        if (i >= 0) {
            if (changed.length == 1) {
                changedMinutes.clear();
            } else {
                long[] rest = new long[changed.length - 1];
                System.arraycopy(changed, 0, rest, 0, i);
                System.arraycopy(changed, i + 1, rest, i, rest.length - i);
                changedMinutes.update(rest);
            }
        }
        minutes.remove(minute);
    }

    private static int indexOf(long[] minutes, long minute) {
        for (int i = 0; i < minutes.length; i++) {
            if (minutes[i] == minute) {
                return i;
            }
        }
        return -1;
    }

    private long closeTime(long minute) {
        return minute + MINUTE_MS + config.allowedLateness().toMillis();
    }

    private void emit(String key, long minute, QueueCounts counts, Collector<QueueMinuteRow> out) {
        String queue = QueueKeys.queue(key);
        Channel channel = QueueKeys.channel(key);
        Instant start = Instant.ofEpochMilli(minute);
        out.collect(new QueueMinuteRow(
                queue,
                channel,
                minute,
                businessTime.intervalStart(start).toEpochMilli(),
                businessTime.businessDate(start).toEpochDay(),
                counts.copy(),
                config.rulesFor(queue, channel)));
    }
}
