package org.ccpulse.jobs.servicelevel;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ccpulse.jobs.intake.Intake;
import org.ccpulse.jobs.intake.IntakeRouter;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.event.Direction;

/**
 * The service-level job: contact events in, queue figures out (METRICS.md "Queue metrics").
 *
 * <pre>
 * source -> IntakeRouter (rejected, late -> dead letters; outbound dropped)
 *        -> keyBy contact -> ContactTracker (dedup, facts, waiting changes)
 *             facts   -> keyBy queue|channel -> QueueMinuteAggregator -> queue_minute
 *             waiting -> keyBy queue|channel -> LiveQueueState        -> queue_live
 * business days of the zone -> business_days
 * </pre>
 * It takes its source and sinks as parameters, so tests run it on bounded input.
 */
public final class ServiceLevelJob {

    public static final TypeInformation<Intake<ContactEvent>> INTAKE_TYPE =
            TypeInformation.of(new TypeHint<Intake<ContactEvent>>() { });

    /** Timing knobs; the defaults suit a live contact center. */
    public record Settings(Duration maxOutOfOrderness, Duration sourceIdleness, Duration flushInterval,
                           Duration maxWaiting, int businessDaysAround) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(2),
                    Duration.ofHours(24), 400);
        }
    }

    /** Where the figures go. */
    public record Sinks(Sink<QueueMinuteRow> queueMinutes, Sink<QueueLiveRow> queueLive,
                        Sink<BusinessDay> businessDays, List<Sink<DeadLetter>> deadLetters) {
    }

    private ServiceLevelJob() {
    }

    /**
     * Event time from each event's {@code ts} (rejected records carry none), tolerating
     * {@code maxOutOfOrderness}; a partition silent for {@code sourceIdleness} is marked idle so it
     * does not hold event time back for the others.
     */
    static WatermarkStrategy<Intake<ContactEvent>> watermarks(Settings settings) {
        return WatermarkStrategy
                .<Intake<ContactEvent>>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                .withTimestampAssigner((intake, recordTs) ->
                        intake.event != null ? intake.event.ts().toEpochMilli() : Long.MIN_VALUE)
                .withIdleness(settings.sourceIdleness());
    }

    public static void build(StreamExecutionEnvironment env, Source<Intake<ContactEvent>, ?, ?> source,
                             ServiceLevelConfig config, Settings settings, Sinks sinks) {
        SingleOutputStreamOperator<ContactEvent> events = env
                .fromSource(source, watermarks(settings), "contact-events").uid("contact-events-source")
                .process(new IntakeRouter<>(config.allowedLateness(), ContactEvent::ts), TypeInformation.of(ContactEvent.class))
                .uid("intake-router").name("parse, route rejected and late");
        for (Sink<DeadLetter> deadLetters : sinks.deadLetters()) {
            String name = "dead-letters-" + sinks.deadLetters().indexOf(deadLetters);
            events.getSideOutput(IntakeRouter.DEAD_LETTERS).sinkTo(deadLetters).uid(name).name(name);
        }

        SingleOutputStreamOperator<QueueFact> facts = events
                .filter(e -> e.direction() == Direction.INBOUND).uid("inbound-only").name("inbound only")
                .keyBy(ContactEvent::contactId)
                .process(new ContactTracker(config.allowedLateness(), settings.maxWaiting()))
                .uid("contact-tracker").name("contact tracker");

        facts.keyBy(QueueFact::queueKey)
                .process(new QueueMinuteAggregator(config, settings.flushInterval()))
                .uid("queue-minute-aggregator").name("queue minutes")
                .sinkTo(sinks.queueMinutes()).uid("queue-minute-sink").name("queue_minute");

        DataStream<WaitingChange> waiting = facts.getSideOutput(ContactTracker.WAITING);
        waiting.keyBy(WaitingChange::queueKey)
                .process(new LiveQueueState(settings.flushInterval()))
                .uid("live-queue-state").name("live queue state")
                .sinkTo(sinks.queueLive()).uid("queue-live-sink").name("queue_live");

        BusinessTime businessTime = new BusinessTime(config.businessZone(), config.intervalMinutes());
        LocalDate today = LocalDate.now(config.businessZone());
        env.fromData(businessTime.days(today.minusDays(settings.businessDaysAround()), today.plusDays(settings.businessDaysAround())))
                .uid("business-days").name("business days")
                .sinkTo(sinks.businessDays()).uid("business-days-sink").name("business_days");
    }
}
