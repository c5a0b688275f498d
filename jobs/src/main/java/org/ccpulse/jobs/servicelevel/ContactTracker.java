package org.ccpulse.jobs.servicelevel;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;

/**
 * Follows one contact (keyed by contact_id) through the queue (redelivered events are already
 * dropped by the shared intake): turns exits and completions into {@link QueueFact}s, and reports when the contact
 * starts and stops waiting. Events of a contact may arrive in any order: an exit seen before its
 * QUEUED means the contact never shows as waiting (its queue still hears that it is not).
 *
 * <p>State is cleared by an event-time timer once no event of the contact can still be accepted
 * (latest ts + allowed lateness). A contact still waiting is kept until it has waited
 * {@code maxWaiting}; then it is given up on (removed from waiting) as its exit was evidently lost.
 */
public class ContactTracker extends KeyedProcessFunction<String, ContactEvent, QueueFact> {

    public static final OutputTag<WaitingChange> WAITING = new OutputTag<>("waiting-changes") {};

    private final Duration allowedLateness;
    private final Duration maxWaiting;

    private transient ValueState<WaitingChange> waitingSince;
    private transient ValueState<Boolean> leftQueue;
    private transient ValueState<Long> latestTsMs;

    public ContactTracker(Duration allowedLateness, Duration maxWaiting) {
        this.allowedLateness = allowedLateness;
        this.maxWaiting = maxWaiting;
    }

    @Override
    public void open(OpenContext openContext) {
        waitingSince = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting", WaitingChange.class));
        leftQueue = getRuntimeContext().getState(new ValueStateDescriptor<>("left-queue", Boolean.class));
        latestTsMs = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-ts", Long.class));
    }

    @Override
    public void processElement(ContactEvent e, Context ctx, Collector<QueueFact> out) throws Exception {
        long tsMs = e.ts().toEpochMilli();
        switch (e.type()) {
            case QUEUED -> {
                if (leftQueue.value() != null) {
                    // Its exit came first (a contact's events may pass the shuffles in any order, most likely when
                    // a resumed job re-reads them together). It never waits here, but its queue is told: a row
                    // written before a restart, counting it as waiting, must be written again.
                    ctx.output(WAITING, new WaitingChange(e.queue(), e.channel(), e.contactId(), tsMs, false));
                } else if (waitingSince.value() == null) {
                    WaitingChange waiting = new WaitingChange(e.queue(), e.channel(), e.contactId(), tsMs, true);
                    waitingSince.update(waiting);
                    ctx.output(WAITING, waiting);
                }
            }
            case ANSWERED, ABANDONED -> {
                leftQueue.update(Boolean.TRUE);
                stopWaiting(ctx);
                QueueFact.Kind kind =
                        e.type() == ContactEventType.ANSWERED ? QueueFact.Kind.ANSWERED : QueueFact.Kind.ABANDONED;
                long waitNanos = Duration.between(e.queuedAt(), e.ts()).toNanos();
                out.collect(new QueueFact(kind, e.queue(), e.channel(), tsMs, waitNanos));
            }
            case COMPLETED -> {
                long handleNanos = Math.round((e.talkS() + e.holdS() + e.wrapS()) * 1e9);
                out.collect(new QueueFact(QueueFact.Kind.COMPLETED, e.queue(), e.channel(), tsMs, handleNanos));
            }
        }
        Long latest = latestTsMs.value();
        if (latest == null || tsMs > latest) {
            latestTsMs.update(tsMs);
        }
        ctx.timerService().registerEventTimeTimer(cleanupTime());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<QueueFact> out) throws Exception {
        if (latestTsMs.value() == null || timestamp < cleanupTime()) {
            return; // cleared already, or a later event moved the cleanup on and its timer will come
        }
        if (EndOfInput.reached(ctx.timerService().currentWatermark())) {
            return; // a bounded input ended: a contact waiting at its last event stays waiting
        }
        stopWaiting(ctx);
        leftQueue.clear();
        latestTsMs.clear();
    }

    /** When this contact's state may go: past the lateness of its latest event, and not while it waits. */
    private long cleanupTime() throws Exception {
        long due = latestTsMs.value() + allowedLateness.toMillis();
        WaitingChange waiting = waitingSince.value();
        if (waiting != null) {
            due = Math.max(due, waiting.queuedAtMs + maxWaiting.toMillis());
        }
        return due;
    }

    private void stopWaiting(Context ctx) throws Exception {
        WaitingChange waiting = waitingSince.value();
        if (waiting != null) {
            ctx.output(
                    WAITING,
                    new WaitingChange(waiting.queue, waiting.channel, waiting.contactId, waiting.queuedAtMs, false));
            waitingSince.clear();
            // The give-up timer is moot now; the caller registers the lateness timer it still needs.
            ctx.timerService().deleteEventTimeTimer(waiting.queuedAtMs + maxWaiting.toMillis());
        }
    }
}
