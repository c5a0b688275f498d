package org.ccpulse.jobs.servicelevel;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.platform.EndOfInput;

/**
 * Who is waiting now in one queue and channel: contacts that started waiting and have not left.
 * Emits the count and the earliest queued_at at most every {@code flushInterval} while anything
 * changes, and again every {@code refreshInterval} while anyone waits, so a row's {@code as_of} says
 * the job still vouches for it: the view shows only fresh rows, and waiting contacts of a run that
 * has stopped (or of an earlier run a new one knows nothing of) do not wait on the wallboard for ever.
 * Entries leave when the contact leaves or is given up on by {@link ContactTracker}, so the state
 * holds only contacts waiting now; it is cleared whole when the queue empties.
 */
public class LiveQueueState extends KeyedProcessFunction<String, WaitingChange, QueueLiveRow> {

    private final Duration flushInterval;
    private final Duration refreshInterval;

    private transient MapState<String, Long> waitingSince;
    private transient ValueState<Long> pendingFlush;
    private transient ValueState<Long> nextRefresh;

    public LiveQueueState(Duration flushInterval, Duration refreshInterval) {
        this.flushInterval = flushInterval;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public void open(OpenContext openContext) {
        waitingSince =
                getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting-since", String.class, Long.class));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-flush", Long.class));
        nextRefresh = getRuntimeContext().getState(new ValueStateDescriptor<>("next-refresh", Long.class));
    }

    @Override
    public void processElement(WaitingChange change, Context ctx, Collector<QueueLiveRow> out) throws Exception {
        if (change.waiting) {
            waitingSince.put(change.contactId, change.queuedAtMs);
        } else {
            waitingSince.remove(change.contactId);
        }
        if (pendingFlush.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + flushInterval.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            pendingFlush.update(at);
            // A bounded input ends with the final watermark, before pending processing-time timers
            // would fire: this timer writes the last state then. It never fires on a live stream.
            ctx.timerService().registerEventTimeTimer(EndOfInput.TIME);
        }
    }

    /** A flush after changes, the refresh while anyone waits, or the end of a bounded input: all write the row. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueLiveRow> out) throws Exception {
        long count = 0;
        Long oldest = null;
        for (Long queuedAt : waitingSince.values()) {
            count++;
            oldest = oldest == null ? queuedAt : Math.min(oldest, queuedAt);
        }
        String key = ctx.getCurrentKey();
        long now = ctx.timerService().currentProcessingTime();
        out.collect(new QueueLiveRow(QueueKeys.queue(key), QueueKeys.channel(key), count, oldest, now));
        Long pending = pendingFlush.value();
        if (pending != null) {
            // Whichever of the two timers fired, the other one has nothing left to write.
            ctx.timerService().deleteProcessingTimeTimer(pending);
            ctx.timerService().deleteEventTimeTimer(EndOfInput.TIME);
        }
        pendingFlush.clear();
        Long refresh = nextRefresh.value();
        if (refresh != null) {
            ctx.timerService().deleteProcessingTimeTimer(refresh);
        }
        if (count == 0) {
            waitingSince.clear();
            nextRefresh.clear();
        } else {
            long at = now + refreshInterval.toMillis();
            ctx.timerService().registerProcessingTimeTimer(at);
            nextRefresh.update(at);
        }
    }
}
