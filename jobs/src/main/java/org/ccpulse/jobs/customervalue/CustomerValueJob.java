package org.ccpulse.jobs.customervalue;

import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.jobs.platform.JobContext;
import org.ccpulse.jobs.platform.LiveClock;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.Outputs;
import org.ccpulse.jobs.platform.Topic;
import org.ccpulse.schemas.event.Order;

/**
 * The customer-value job: orders, tickets and contact events in; each customer's RFM figures, the value tiers'
 * cut-points and churn alerts out (METRICS.md "Customer value (RFM) and churn alerts"). The churn alerts are
 * {@link ChurnAlerts}, built on the two streams {@link #build(DataStream, CustomerValueConfig, Optional, Sinks)} returns.
 *
 * <pre>
 * orders (shared intake) -> keyBy customer_id -> RfmTracker ---------------------------> customer_rfm_state
 *        |                                        ^ broadcast      | side outputs: a KLL sketch per subtask and tick;
 *        +-> event time only -> TierTicks (p 1) --+                | each customer's figures at the end of the input
 *                                                                  +-> TierCutPointsMerger (p 1) -> customer_tier_cut_points
 * </pre>
 * It takes its input stream and sinks as parameters, so tests run it on bounded input; {@link #build(DataStream,
 * CustomerValueConfig, Sinks)} returns the figures and the cut-points for the churn alerts.
 */
public final class CustomerValueJob implements MetricJob {

    public static final String NAME = "customer-value";

    /** Rows of one insert at most: a backfill changes customers by the thousand. */
    static final int BATCH = 50_000;

    /** The ticks need no broadcast state: each is answered from the keyed state, then forgotten. */
    private static final MapStateDescriptor<?, ?>[] NO_BROADCAST_STATE = {};

    /** Where the rows go. */
    public record Sinks(Sink<CustomerFigures> figures, Sink<TierCutPoints> cutPoints) {

        /** Into the job's ClickHouse tables (schemas/clickhouse). */
        public static Sinks of(Outputs outputs) {
            return new Sinks(
                    outputs.table(CustomerValueTables.RFM_STATE, BATCH),
                    outputs.table(CustomerValueTables.TIER_CUT_POINTS, 1_000));
        }
    }

    /**
     * What the RFM half gives the churn half.
     *
     * @param figures   every change of a customer's figures, keyed by nothing (key them by customer_id)
     * @param cutPoints each recomputation of the tier cut-points, from one subtask (broadcast them)
     */
    public record Streams(DataStream<CustomerFigures> figures, DataStream<TierCutPoints> cutPoints) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Topic<?>> topics() {
        return List.of(Topic.ORDERS, Topic.TICKETS, Topic.CONTACT_EVENTS);
    }

    @Override
    public void checkConfiguration(DeploymentConfig config) {
        CustomerValueConfig.from(config);
    }

    @Override
    public void build(JobContext context) {
        CustomerValueConfig config = CustomerValueConfig.from(context.config());
        Optional<LiveClock> clock = LiveClock.of(context);
        Streams streams = build(context.events(Topic.ORDERS), config, clock, Sinks.of(context.outputs()));
        ChurnAlerts.build(
                streams.figures(),
                streams.cutPoints(),
                context.events(Topic.TICKETS),
                context.events(Topic.CONTACT_EVENTS),
                config.churnSettings(),
                clock,
                ChurnAlerts.Sinks.of(context.outputs()));
    }

    /**
     * The job's operators on a stream of good, timely, deduplicated orders. {@code clock} is the live run's
     * ({@link LiveClock#of}), empty in a bounded run: with it, event time keeps passing for the tier ticks, and so
     * for the tracker's expiries and the cut-points' as_of, when the orders topic is idle (nights).
     */
    public static Streams build(
            DataStream<Order> orders, CustomerValueConfig config, Optional<LiveClock> clock, Sinks sinks) {
        DataStream<Order> eventTime = orders.filter(TierTicks.eventTimeOnly())
                .uid("customer-value-event-time")
                .name("customer value: event time only");
        if (clock.isPresent()) {
            eventTime = eventTime.union(clock.get()
                    .silentStream(orders.getExecutionEnvironment(), orders.getType(), "customer-value-live-clock"));
        }
        DataStream<Tick> ticks = eventTime
                .transform("customer value: tier ticks", TypeInformation.of(Tick.class), TierTicks.<Order>of(config))
                .uid("customer-value-tier-ticks")
                .setParallelism(1)
                .setMaxParallelism(1);

        SingleOutputStreamOperator<CustomerFigures> figures = orders.keyBy(Order::customerId)
                .connect(ticks.broadcast(NO_BROADCAST_STATE))
                .process(RfmTracker.of(config))
                .uid("customer-rfm-tracker")
                .name("customer RFM figures");
        figures.sinkTo(sinks.figures()).uid("customer-rfm-state-sink").name(CustomerValueTables.RFM_STATE.name());

        SingleOutputStreamOperator<TierCutPoints> cutPoints = figures.getSideOutput(RfmTracker.SKETCHES)
                .keyBy(s -> s.tick().watermarkMs(), TypeInformation.of(Long.class))
                .connect(figures.getSideOutput(RfmTracker.AT_END)
                        .keyBy(f -> EndOfInput.TIME, TypeInformation.of(Long.class)))
                .process(new TierCutPointsMerger())
                .uid("customer-tier-cut-points-merger")
                .name("customer tier cut-points")
                .setParallelism(1)
                .setMaxParallelism(1);
        cutPoints
                .sinkTo(sinks.cutPoints())
                .uid("customer-tier-cut-points-sink")
                .name(CustomerValueTables.TIER_CUT_POINTS.name())
                .setParallelism(1);
        return new Streams(figures, cutPoints);
    }
}
