package org.ccpulse.jobs.platform;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ccpulse.jobs.calendar.BusinessDays;
import org.ccpulse.jobs.calendar.BusinessTime;
import org.ccpulse.jobs.intake.Deduplicator;
import org.ccpulse.jobs.intake.Intake;
import org.ccpulse.jobs.intake.IntakeRouter;
import org.ccpulse.schemas.event.DeadLetter;

/**
 * Builds one Flink job out of any set of {@link MetricJob}s. Each input topic that any of them reads
 * gets one shared intake (source, event time, parse, route rejected and too-late records to the
 * dead letters, drop redeliveries), which every job reading the topic consumes. Every run also writes the business
 * calendar, so each job's figures stand on their own whichever other jobs run.
 */
public final class Launcher {

    /** Business days written around today: views find "today" for more than a year either way. */
    static final int BUSINESS_DAYS_AROUND = 400;

    private Launcher() {}

    /** Builds the jobs into the environment {@code options} give and starts them; returns at once. */
    public static JobClient start(
            String runName,
            RunOptions options,
            List<? extends MetricJob> jobs,
            DeploymentConfig config,
            Inputs inputs,
            Outputs outputs)
            throws Exception {
        return start(runName, options.environment(), jobs, config, inputs, outputs);
    }

    /** Builds the jobs into {@code env} (see {@link RunOptions#environment}) and starts them; returns at once. */
    public static JobClient start(
            String runName,
            StreamExecutionEnvironment env,
            List<? extends MetricJob> jobs,
            DeploymentConfig config,
            Inputs inputs,
            Outputs outputs)
            throws Exception {
        build(env, jobs, config, inputs, outputs);
        return env.executeAsync(runName);
    }

    /** Adds the jobs, their shared intake, the dead letters and the business calendar to {@code env}. */
    public static void build(
            StreamExecutionEnvironment env,
            List<? extends MetricJob> jobs,
            DeploymentConfig config,
            Inputs inputs,
            Outputs outputs) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no job to run");
        }
        Map<Topic<?>, TopicIntake<?>> intakes = new LinkedHashMap<>();
        for (MetricJob job : jobs) {
            Set<Topic<?>> allowed = new LinkedHashSet<>(job.topics());
            job.build(new JobContext() {
                @Override
                @SuppressWarnings("unchecked")
                public <T> DataStream<T> events(Topic<T> topic) {
                    if (!allowed.contains(topic)) {
                        throw new IllegalStateException(
                                "job " + job.name() + " reads " + topic + " but does not list it");
                    }
                    return ((TopicIntake<T>)
                                    intakes.computeIfAbsent(topic, t -> intake(env, topic, inputs, config.shared())))
                            .events();
                }

                @Override
                public DeploymentConfig config() {
                    return config;
                }

                @Override
                public Outputs outputs() {
                    return outputs;
                }

                @Override
                public boolean live() {
                    return inputs.live();
                }
            });
        }
        sendDeadLetters(intakes.values(), outputs.deadLetters());
        writeBusinessDays(env, config.shared(), outputs);
    }

    /** A topic's intake: the router, whose side output holds the dead letters, and the events that pass. */
    private record TopicIntake<T>(SingleOutputStreamOperator<T> router, DataStream<T> events) {}

    /**
     * A topic's intake: its source in event time (carried up to the last event when a bounded source ends), the
     * router (rejected and too-late records out), then redeliveries dropped (keyed by event_id).
     */
    private static <T> TopicIntake<T> intake(
            StreamExecutionEnvironment env, Topic<T> topic, Inputs inputs, DeploymentConfig.Shared shared) {
        Source<Intake<T>, ?, ?> source = inputs.source(topic);
        SingleOutputStreamOperator<T> router = env.fromSource(source, watermarks(topic, shared), topic.name())
                .uid(topic.name() + "-source")
                .transform(
                        topic.name() + ": event time to the last event at end of input",
                        topic.intakeType(),
                        new EventTimeAtEndOfInput<>(
                                shared.maxOutOfOrderness(), source.getBoundedness() == Boundedness.BOUNDED))
                .uid(topic.name() + "-event-time-at-end-of-input")
                .process(new IntakeRouter<>(shared.allowedLateness(), topic.eventTime()), topic.eventType())
                .uid(topic.name() + "-intake-router")
                .name(topic.name() + ": parse, route rejected and late");
        DataStream<T> events = router.keyBy(topic.eventId())
                .process(new Deduplicator<>(shared.allowedLateness(), topic.eventTime()), topic.eventType())
                .uid(topic.name() + "-dedup")
                .name(topic.name() + ": drop redeliveries");
        return new TopicIntake<>(router, events);
    }

    /**
     * Event time from each event's {@code ts} (rejected records carry none), tolerating the configured
     * out-of-orderness; a partition silent for the configured idleness is marked idle so it does not
     * hold event time back for the others.
     */
    static <T> WatermarkStrategy<Intake<T>> watermarks(Topic<T> topic, DeploymentConfig.Shared shared) {
        IntakeRouter.EventTime<T> eventTime = topic.eventTime();
        return WatermarkStrategy.<Intake<T>>forBoundedOutOfOrderness(shared.maxOutOfOrderness())
                .withTimestampAssigner((intake, recordTs) ->
                        intake.event != null ? eventTime.of(intake.event).toEpochMilli() : Long.MIN_VALUE)
                .withIdleness(shared.sourceIdleness());
    }

    private static void sendDeadLetters(Iterable<TopicIntake<?>> intakes, List<Sink<DeadLetter>> sinks) {
        DataStream<DeadLetter> deadLetters = null;
        for (TopicIntake<?> intake : intakes) {
            DataStream<DeadLetter> ofTopic = intake.router().getSideOutput(IntakeRouter.DEAD_LETTERS);
            deadLetters = deadLetters == null ? ofTopic : deadLetters.union(ofTopic);
        }
        for (int i = 0; i < sinks.size(); i++) {
            String name = "dead-letters-" + i;
            deadLetters.sinkTo(sinks.get(i)).uid(name).name(name);
        }
    }

    private static void writeBusinessDays(
            StreamExecutionEnvironment env, DeploymentConfig.Shared shared, Outputs outputs) {
        BusinessTime businessTime = new BusinessTime(shared.businessZone(), shared.intervalMinutes());
        LocalDate today = LocalDate.now(shared.businessZone());
        AtStart.write(
                env,
                "business-days",
                businessTime.days(today.minusDays(BUSINESS_DAYS_AROUND), today.plusDays(BUSINESS_DAYS_AROUND)),
                outputs.table(BusinessDays.TABLE, 1_000),
                BusinessDays.TABLE.name());
    }
}
