package org.ccpulse.jobs.servicelevel;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.JobContext;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.Outputs;
import org.ccpulse.jobs.platform.Topic;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Direction;

/**
 * The service-level job: contact events in, queue figures out (METRICS.md "Queue metrics").
 *
 * <pre>
 * contact events (shared intake) -> inbound only
 *        -> keyBy contact -> ContactTracker (facts, waiting changes)
 *             facts   -> keyBy queue|channel -> QueueMinuteAggregator -> queue_minute
 *             waiting -> keyBy queue|channel -> LiveQueueState        -> queue_live
 * </pre>
 * It takes its input stream and sinks as parameters, so tests run it on bounded input.
 */
public final class ServiceLevelJob implements MetricJob {

    public static final String NAME = "service-level";

    /**
     * Rows of one queue_minute insert at most. Live, a batch is a few rows cut by the sinks' delay;
     * in a backfill or catch-up minutes close by the thousand, and each insert costs a round trip and
     * a new part on the server while the aggregator's thread waits: 50,000 rather than 5,000 halved
     * the time spent inserting (jobs/BENCHMARKS.md).
     */
    static final int QUEUE_MINUTE_BATCH = 50_000;

    /**
     * Timing knobs of this job; the defaults suit a live contact center.
     *
     * @param flushInterval how long changed figures wait before they are written
     * @param maxWaiting    how long a contact may wait before its lost exit is assumed
     * @param liveRefresh   how often live queue state is written again while anyone waits; the view
     *                      {@code queue_live_now} drops rows older than three of these (90 s)
     */
    public record Settings(Duration flushInterval, Duration maxWaiting, Duration liveRefresh) {
        /**
         * Changed figures flushed every 200 ms: with {@link #WALLBOARD_BATCH_DELAY} a change is in ClickHouse
         * well within a second (jobs/BENCHMARKS.md, "Wallboard freshness"), at about five small inserts per second
         * per table while figures change.
         */
        public static Settings defaults() {
            return new Settings(Duration.ofMillis(200), Duration.ofHours(24), Duration.ofSeconds(30));
        }
    }

    /**
     * How long the wallboard's rows wait in their sinks' batches: a flush's rows arrive together, so a short wait
     * still makes one insert of them.
     */
    static final Duration WALLBOARD_BATCH_DELAY = Duration.ofMillis(100);

    /** Where the figures go. */
    public record Sinks(Sink<QueueMinuteRow> queueMinutes, Sink<QueueLiveRow> queueLive) {

        /** Into the job's ClickHouse tables (schemas/clickhouse). */
        public static Sinks of(Outputs outputs) {
            return new Sinks(
                    outputs.table(ServiceLevelTables.QUEUE_MINUTE, QUEUE_MINUTE_BATCH, WALLBOARD_BATCH_DELAY),
                    outputs.table(ServiceLevelTables.QUEUE_LIVE, 1_000, WALLBOARD_BATCH_DELAY));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Topic<?>> topics() {
        return List.of(Topic.CONTACT_EVENTS);
    }

    @Override
    public void checkConfiguration(DeploymentConfig config) {
        ServiceLevelConfig.from(config);
    }

    @Override
    public void build(JobContext context) {
        build(
                context.events(Topic.CONTACT_EVENTS),
                ServiceLevelConfig.from(context.config()),
                Settings.defaults(),
                Sinks.of(context.outputs()));
    }

    /** The job's operators on a stream of good, timely contact events. */
    public static void build(
            DataStream<ContactEvent> events, ServiceLevelConfig config, Settings settings, Sinks sinks) {
        SingleOutputStreamOperator<QueueFact> facts = events.filter(e -> e.direction() == Direction.INBOUND)
                .uid("inbound-only")
                .name("inbound only")
                .keyBy(ContactEvent::contactId)
                .process(new ContactTracker(config.allowedLateness(), settings.maxWaiting()))
                .uid("contact-tracker")
                .name("contact tracker");

        facts.keyBy(QueueFact::queueKey)
                .process(new QueueMinuteAggregator(config, settings.flushInterval()))
                .uid("queue-minute-aggregator")
                .name("queue minutes")
                .sinkTo(sinks.queueMinutes())
                .uid("queue-minute-sink")
                .name("queue_minute");

        DataStream<WaitingChange> waiting = facts.getSideOutput(ContactTracker.WAITING);
        waiting.keyBy(WaitingChange::queueKey)
                .process(new LiveQueueState(settings.flushInterval(), settings.liveRefresh()))
                .uid("live-queue-state")
                .name("live queue state")
                .sinkTo(sinks.queueLive())
                .uid("queue-live-sink")
                .name("queue_live");
    }
}
