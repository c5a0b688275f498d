package org.ccpulse.jobs.customervalue;

import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ccpulse.jobs.platform.LiveClock;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.Outputs;
import org.ccpulse.schemas.event.ChurnAlert;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Ticket;

/**
 * The churn alert half of the customer-value job (METRICS.md "Churn alerts"), to be built from its figures and
 * cut-points:
 *
 * <pre>
 * tickets  -> keyBy customer_id ---------------+
 * contacts -> inbound starts and completions --+-> EscalationActivity -> activity --+
 * figures (RFM tracker) ------------------------------------------------------------+-> keyBy customer_id
 * live runs only: LiveClock (no records, watermark = wall clock - lag) -------------+      |
 * cut-points (tier sketch) -> broadcast ---------------------------------------------> ChurnAlertTracker
 *   -> churn_alerts and the churn-alerts topic (exactly once)
 * </pre>
 */
public final class ChurnAlerts {

    /** Alert events of one insert at most: they are few, an alert a customer and a due moment. */
    static final int BATCH = 1_000;

    private ChurnAlerts() {}

    /** Where the alerts go: their table, and every sink of the churn-alerts topic. */
    public record Sinks(Sink<ChurnAlertRow> table, List<Sink<ChurnAlert>> topic) {

        /** Into {@code churn_alerts} and the run's churn-alerts topic, if any. */
        public static Sinks of(Outputs outputs) {
            return new Sinks(outputs.table(ChurnAlertTables.ALERTS, BATCH), outputs.topic(OutputTopic.CHURN_ALERTS));
        }
    }

    /**
     * The churn alert operators and sinks on the customers' figures and the tiers' cut-points (the RFM half's
     * streams), and the shared intake's tickets and contact events. {@code clock} is the live run's
     * ({@link LiveClock#of}), empty in a bounded run. Returns the alerts.
     */
    public static DataStream<ChurnAlertRow> build(
            DataStream<CustomerFigures> figures,
            DataStream<TierCutPoints> cutPoints,
            DataStream<Ticket> tickets,
            DataStream<ContactEvent> contacts,
            ChurnSettings settings,
            Optional<LiveClock> clock,
            Sinks sinks) {
        DataStream<ChurnInput> activity = tickets.keyBy(Ticket::customerId)
                .connect(contacts.filter(EscalationActivity::concernsActivity)
                        .uid("churn-contacts")
                        .name("churn: inbound contact starts and completions")
                        .keyBy(ContactEvent::customerId))
                .process(new EscalationActivity(settings))
                .uid("churn-escalation-activity")
                .name("churn: escalation activity")
                .map(new FromActivity())
                .uid("churn-activity-inputs")
                .name("churn: activity in");
        DataStream<ChurnInput> inputs = figures.map(new FromFigures())
                .uid("churn-figures-inputs")
                .name("churn: figures in")
                .union(activity);
        if (clock.isPresent()) {
            inputs = inputs.union(clock.get()
                    .silentStream(
                            figures.getExecutionEnvironment(),
                            TypeInformation.of(ChurnInput.class),
                            "churn-live-clock"));
        }
        SingleOutputStreamOperator<ChurnAlertRow> alerts = inputs.keyBy(ChurnInput::customerId)
                .connect(cutPoints.broadcast(ChurnAlertTracker.CUT_POINTS))
                .process(new ChurnAlertTracker(settings))
                .uid("churn-alert-tracker")
                .name("churn alerts");
        alerts.sinkTo(sinks.table()).uid("churn-alerts-sink").name(ChurnAlertTables.ALERTS.name());
        if (!sinks.topic().isEmpty()) {
            DataStream<ChurnAlert> records =
                    alerts.map(new AsEvent()).uid("churn-alert-records").name("churn-alerts records");
            for (int i = 0; i < sinks.topic().size(); i++) {
                String name = "churn-alerts-topic-" + i;
                records.sinkTo(sinks.topic().get(i)).uid(name).name(name);
            }
        }
        return alerts;
    }

    private static final class FromFigures implements MapFunction<CustomerFigures, ChurnInput> {
        @Override
        public ChurnInput map(CustomerFigures figures) {
            return ChurnInput.of(figures);
        }
    }

    private static final class FromActivity implements MapFunction<CustomerActivity, ChurnInput> {
        @Override
        public ChurnInput map(CustomerActivity activity) {
            return ChurnInput.of(activity);
        }
    }

    private static final class AsEvent implements MapFunction<ChurnAlertRow, ChurnAlert> {
        @Override
        public ChurnAlert map(ChurnAlertRow row) {
            return row.toEvent();
        }
    }
}
