package org.ccpulse.jobs.fcr;

import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ccpulse.jobs.platform.AtStart;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.JobContext;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.Outputs;
import org.ccpulse.jobs.platform.Topic;
import org.ccpulse.schemas.event.ContactEvent;

/**
 * The first-contact-resolution job: contact events in, each eligible contact's outcome per window and
 * its repeat pair out (METRICS.md "First-contact resolution").
 *
 * <pre>
 * contact events (shared intake) -> inbound, with a customer, no transfer leg, no ANSWERED
 *        -> keyBy customer -> FcrTracker -> fcr_contact_outcomes
 *                                  pairs -> fcr_repeat_contacts
 * configured targets (at start)          -> fcr_team_targets
 * </pre>
 * It takes its input stream and sinks as parameters, so tests run it on bounded input.
 */
public final class FcrJob implements MetricJob {

    public static final String NAME = "first-contact-resolution";

    /** Rows of one insert at most: a backfill settles contacts by the thousand. */
    static final int BATCH = 50_000;

    /** Where the rows go. */
    public record Sinks(Sink<FcrOutcomeRow> outcomes, Sink<FcrRepeatRow> repeats, Sink<FcrTarget> targets) {

        /** Into the job's ClickHouse tables (schemas/clickhouse). */
        public static Sinks of(Outputs outputs) {
            return new Sinks(
                    outputs.table(FcrTables.OUTCOMES, BATCH),
                    outputs.table(FcrTables.REPEATS, BATCH),
                    outputs.table(FcrTables.TEAM_TARGETS, 1_000));
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
        FcrConfig.from(config);
    }

    @Override
    public void build(JobContext context) {
        build(context.events(Topic.CONTACT_EVENTS), FcrConfig.from(context.config()), Sinks.of(context.outputs()));
    }

    /** The job's operators on a stream of good, timely contact events. */
    public static void build(DataStream<ContactEvent> events, FcrConfig config, Sinks sinks) {
        SingleOutputStreamOperator<FcrOutcomeRow> outcomes = events.filter(FcrRules::concernsFcr)
                .uid("fcr-contacts")
                .name("fcr: inbound contacts of known customers, no transfer legs")
                .keyBy(ContactEvent::customerId)
                .process(new FcrTracker(config))
                .uid("fcr-tracker")
                .name("fcr: contacts per customer");
        outcomes.sinkTo(sinks.outcomes()).uid("fcr-contact-outcomes-sink").name(FcrTables.OUTCOMES.name());
        outcomes.getSideOutput(FcrTracker.REPEATS)
                .sinkTo(sinks.repeats())
                .uid("fcr-repeat-contacts-sink")
                .name(FcrTables.REPEATS.name());
        AtStart.write(
                events.getExecutionEnvironment(),
                "fcr-team-targets",
                config.targetRows(),
                sinks.targets(),
                FcrTables.TEAM_TARGETS.name());
    }
}
