package org.ccpulse.jobs.platform;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Right after a topic's source: at the end of a bounded input, moves event time up to the input's last event (less
 * the tolerated out-of-orderness) before it jumps to the end of time ({@link EndOfInput}).
 *
 * <p>Why: the source emits its watermark periodically (every 200 ms) and not once more when its input ends, so the
 * events read since the last periodic watermark (in a backfill, often days of them) never move event time. What
 * settles by time passing (an hour judged, a spike opened or closed, a window settled, a customer overdue) would
 * then stop at some point before the end that depends on how fast the input was read. With this, a bounded run's
 * figures stand as of its last event: exactly with one source subtask; with several (or several topics), an operator
 * reading them all gets at least the least of their last events, whichever order they end in.
 *
 * <p>Only for a bounded source (files, Kafka up to the offsets it had at the start). A source read on and on ends
 * only when the job is stopped with a drain, after its periodic watermarks have caught up with what it read; event
 * time is then the least of its partitions', which this would overtake. The operator is in every run all the same, so
 * a run's operators do not depend on how it reads.
 *
 * <p>State: the latest event time seen, one number per subtask, as union state: after a restore or a rescale every
 * subtask starts from the latest of all, so a run resumed near its end still ends there. (For a subtask whose own
 * records ended earlier that is later than its own last event; at the end of a bounded input every record has been
 * read, so none can be late for it.)
 */
public final class EventTimeAtEndOfInput<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private final long outOfOrdernessMs;
    private final boolean boundedInput;

    private transient long lastEventTime;
    private transient long watermark;
    private transient ListState<Long> lastEventTimeState;

    public EventTimeAtEndOfInput(Duration maxOutOfOrderness, boolean boundedInput) {
        this.outOfOrdernessMs = maxOutOfOrderness.toMillis();
        this.boundedInput = boundedInput;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        lastEventTimeState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("last-event-time", Types.LONG));
        lastEventTime = Long.MIN_VALUE;
        watermark = Long.MIN_VALUE;
        for (Long t : lastEventTimeState.get()) {
            lastEventTime = Math.max(lastEventTime, t);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        lastEventTimeState.update(List.of(lastEventTime));
    }

    @Override
    public void processElement(StreamRecord<T> record) {
        if (record.hasTimestamp() && record.getTimestamp() > lastEventTime) {
            lastEventTime = record.getTimestamp();
        }
        output.collect(record);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (boundedInput && EndOfInput.reached(mark.getTimestamp()) && lastEventTime != Long.MIN_VALUE) {
            // what the source's bounded-out-of-orderness generator would emit next, had the input gone on
            long last = lastEventTime - outOfOrdernessMs - 1;
            if (last > watermark) {
                super.processWatermark(new Watermark(last));
            }
        }
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }
}
