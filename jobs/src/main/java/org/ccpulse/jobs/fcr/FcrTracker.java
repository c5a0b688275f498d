package org.ccpulse.jobs.fcr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.ContactEvent;

/**
 * First-contact resolution for one customer (keyed by customer_id; redelivered events are already
 * dropped by the shared intake, and events without a customer before the key): the customer's recent
 * contacts in one state, judged by {@link FcrRules} on every event and when event time reaches the
 * next moment something can change, for which one event-time timer per customer is kept. Emits
 * {@code fcr_contact_outcomes} rows, and {@code fcr_repeat_contacts} rows on {@link #REPEATS}.
 *
 * <p>State holds only what an open window needs and goes when nothing needs it any more (every
 * window of the customer's contacts closed, their pair rows final, their starts past the allowed
 * lateness): at most the longest window plus the allowed lateness after a contact completed, 24 h
 * more while a repeat it waits for has not ended ({@link FcrConfig#REPEAT_END_WAIT}). Then the
 * customer's state and timer are gone.
 *
 * <p>When a bounded input ends (the watermark jumps to the end of time, {@link EndOfInput}), nothing
 * is written: pending windows stay pending, and a pair not yet certain is not written. So the rows
 * never depend on whether that last watermark arrives (a live job stopped with a draining savepoint
 * after its sources went idle was seen not to get its end-of-input timers).
 */
public class FcrTracker extends KeyedProcessFunction<String, ContactEvent, FcrOutcomeRow> {

    public static final OutputTag<FcrRepeatRow> REPEATS = new OutputTag<>("fcr-repeat-contacts") {};

    /** The state's type: an array of POJOs, serialized without Kryo. */
    static final TypeInformation<FcrContact[]> CONTACTS_TYPE = Types.OBJECT_ARRAY(TypeInformation.of(FcrContact.class));

    private final FcrRules rules;

    private transient ValueState<FcrContact[]> contacts;
    /** The one timer registered for this customer, so it can be moved. */
    private transient ValueState<Long> timer;

    public FcrTracker(FcrConfig config) {
        this.rules = new FcrRules(config);
    }

    @Override
    public void open(OpenContext openContext) {
        contacts = getRuntimeContext().getState(new ValueStateDescriptor<>("contacts", CONTACTS_TYPE));
        timer = getRuntimeContext().getState(new ValueStateDescriptor<>("timer", Types.LONG));
    }

    @Override
    public void processElement(ContactEvent e, Context ctx, Collector<FcrOutcomeRow> out) throws Exception {
        List<FcrContact> known = load();
        if (!rules.record(known, e)) {
            return;
        }
        judge(known, ctx.timerService().currentWatermark(), ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FcrOutcomeRow> out) throws Exception {
        timer.clear(); // it fired
        List<FcrContact> known = load();
        long watermark = ctx.timerService().currentWatermark();
        if (EndOfInput.reached(watermark)) {
            return; // a bounded input ended: nothing settles, what is open stays open (pending)
        }
        judge(known, watermark, ctx, out);
    }

    private void judge(List<FcrContact> known, long watermark, Context ctx, Collector<FcrOutcomeRow> out)
            throws Exception {
        rules.evaluate(ctx.getCurrentKey(), known, watermark, emitter(ctx, out));
        List<FcrContact> kept = rules.keep(known, watermark);
        store(kept);
        long next = rules.nextTime(kept, watermark);
        Long registered = timer.value();
        if (registered != null && registered != next) {
            ctx.timerService().deleteEventTimeTimer(registered);
            timer.clear();
        }
        if (next != FcrContact.NONE && (registered == null || registered != next)) {
            ctx.timerService().registerEventTimeTimer(next);
            timer.update(next);
        }
    }

    private List<FcrContact> load() throws Exception {
        FcrContact[] stored = contacts.value();
        return stored == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(stored));
    }

    private void store(List<FcrContact> known) throws Exception {
        if (known.isEmpty()) {
            contacts.clear();
        } else {
            contacts.update(known.toArray(FcrContact[]::new));
        }
    }

    private static FcrRules.Emitter emitter(Context ctx, Collector<FcrOutcomeRow> out) {
        return new FcrRules.Emitter() {
            @Override
            public void outcome(FcrOutcomeRow row) {
                out.collect(row);
            }

            @Override
            public void repeat(FcrRepeatRow row) {
                ctx.output(REPEATS, row);
            }
        };
    }
}
