package org.ccpulse.jobs.complaints;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.JobContext;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.Outputs;
import org.ccpulse.jobs.platform.Topic;
import org.ccpulse.schemas.event.ComplaintSpikeEvent;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketType;

/**
 * The complaints job: tickets in; complaints per hour, each complaint's lifecycle and complaint spikes out
 * (METRICS.md "Complaints").
 *
 * <pre>
 * tickets (shared intake) -> complaints only (category complaint)
 *   OPENED, REOPENED -> keyBy cause|product|department|channel -> ComplaintHourAggregator -> complaints_hour
 *   every event      -> keyBy ticket_id -> ComplaintLifecycleTracker -> complaint_lifecycle
 *   OPENED           -> its cause and its cause group -> keyBy level:key -> ComplaintSpikeTracker
 *                          -> complaint_spikes and the complaint-spikes topic
 * </pre>
 * It takes its input stream and sinks as parameters, so tests run it on bounded input.
 */
public final class ComplaintsJob implements MetricJob {

    public static final String NAME = "complaints";

    /** Rows of one insert at most: a backfill closes hours and complaints by the thousand. */
    static final int BATCH = 50_000;

    /**
     * Timing knobs of this job.
     *
     * @param flushInterval how long changed hours wait before they are written
     */
    public record Settings(Duration flushInterval) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(2));
        }
    }

    /** Where the rows go: three tables, and the spikes also onto every sink of {@code spikeTopic}. */
    public record Sinks(
            Sink<ComplaintHourRow> hours,
            Sink<ComplaintLifecycleRow> lifecycle,
            Sink<ComplaintSpike> spikes,
            List<Sink<ComplaintSpikeEvent>> spikeTopic) {

        /** Into the job's ClickHouse tables (schemas/clickhouse) and the run's complaint-spike topic, if any. */
        public static Sinks of(Outputs outputs) {
            return new Sinks(
                    outputs.table(ComplaintsTables.HOURS, BATCH),
                    outputs.table(ComplaintsTables.LIFECYCLE, BATCH),
                    outputs.table(ComplaintsTables.SPIKES, 1_000),
                    outputs.topic(OutputTopic.COMPLAINT_SPIKES));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Topic<?>> topics() {
        return List.of(Topic.TICKETS);
    }

    @Override
    public void checkConfiguration(DeploymentConfig config) {
        ComplaintsConfig.from(config);
    }

    @Override
    public void build(JobContext context) {
        build(
                context.events(Topic.TICKETS),
                ComplaintsConfig.from(context.config()),
                Settings.defaults(),
                Sinks.of(context.outputs()));
    }

    /** The job's operators on a stream of good, timely, deduplicated ticket events. */
    public static void build(DataStream<Ticket> events, ComplaintsConfig config, Settings settings, Sinks sinks) {
        DataStream<Ticket> complaints = events.filter(ComplaintRules::isComplaintEvent)
                .uid("complaint-tickets")
                .name("complaints: tickets of category complaint");

        complaints
                .filter(ComplaintRules::counts)
                .uid("complaint-counted-events")
                .name("complaints: OPENED and REOPENED")
                .keyBy(ComplaintRules::dimensionKey)
                .process(new ComplaintHourAggregator(
                        config.businessZone(), config.allowedLateness(), settings.flushInterval()))
                .uid("complaint-hour-aggregator")
                .name("complaints per hour")
                .sinkTo(sinks.hours())
                .uid("complaints-hour-sink")
                .name(ComplaintsTables.HOURS.name());

        complaints
                .keyBy(Ticket::ticketId)
                .process(new ComplaintLifecycleTracker(
                        config.businessZone(), config.allowedLateness(), config.lifecycleMaxAge()))
                .uid("complaint-lifecycle-tracker")
                .name("complaint lifecycle")
                .sinkTo(sinks.lifecycle())
                .uid("complaint-lifecycle-sink")
                .name(ComplaintsTables.LIFECYCLE.name());

        SingleOutputStreamOperator<ComplaintSpike> spikes = complaints
                .flatMap(new CauseAndGroup())
                .uid("complaint-spike-inputs")
                .name("complaints: cause and cause group")
                .keyBy(SpikeInput::stateKey)
                .process(ComplaintSpikeTracker.of(config))
                .uid("complaint-spike-tracker")
                .name("complaint spikes");
        spikes.sinkTo(sinks.spikes()).uid("complaint-spikes-sink").name(ComplaintsTables.SPIKES.name());
        if (!sinks.spikeTopic().isEmpty()) {
            DataStream<ComplaintSpikeEvent> records =
                    spikes.map(new AsEvent()).uid("complaint-spike-records").name("complaint-spikes records");
            for (int i = 0; i < sinks.spikeTopic().size(); i++) {
                String name = "complaint-spikes-topic-" + i;
                records.sinkTo(sinks.spikeTopic().get(i)).uid(name).name(name);
            }
        }
    }

    /** Each complaint (OPENED) feeds the detector of its cause and that of its cause group. */
    private static final class CauseAndGroup implements FlatMapFunction<Ticket, SpikeInput> {
        @Override
        public void flatMap(Ticket t, Collector<SpikeInput> out) {
            if (t.type() != TicketType.OPENED) {
                return;
            }
            String cause = ComplaintRules.cause(t);
            long ts = t.ts().toEpochMilli();
            out.collect(new SpikeInput(SpikeLevel.CAUSE, cause, ts));
            out.collect(new SpikeInput(SpikeLevel.CAUSE_GROUP, ComplaintRules.causeGroup(cause), ts));
        }
    }

    private static final class AsEvent implements MapFunction<ComplaintSpike, ComplaintSpikeEvent> {
        @Override
        public ComplaintSpikeEvent map(ComplaintSpike s) {
            return ComplaintsTables.event(s);
        }
    }
}
