package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.DAY;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.SETTINGS;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.T0;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.jobs.platform.LiveClock;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.testing.CollectingOutputs;
import org.ccpulse.schemas.event.ChurnAlert;
import org.ccpulse.schemas.event.ChurnAlertStatus;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The churn alert operators on a MiniCluster, with Flink's generic (Kryo) serialization switched off: on bounded
 * random traffic against a plain recomputation, and live (unbounded sources gone quiet) with and without the clock.
 */
class ChurnAlertsPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    @Test
    void aBoundedRunAlertsAsAPlainRecomputationAndNothingAtItsEnd() throws Exception {
        ChurnTraffic traffic = new ChurnTraffic(42, 60, T0);
        StreamExecutionEnvironment env = environment();
        CollectingOutputs outputs = new CollectingOutputs();
        ChurnAlerts.build(
                bounded(env, traffic.figures, CustomerFigures::asOfMs, CustomerFigures.class, "figures"),
                bounded(env, List.of(traffic.cuts), TierCutPoints::asOfMs, TierCutPoints.class, "cuts"),
                bounded(env, traffic.tickets, t -> t.ts().toEpochMilli(), Ticket.class, "tickets"),
                bounded(env, traffic.contacts, e -> e.ts().toEpochMilli(), ContactEvent.class, "contacts"),
                SETTINGS,
                Optional.empty(),
                ChurnAlerts.Sinks.of(outputs));
        env.execute();

        List<ChurnAlertRow> rows = outputs.rows(ChurnAlertTables.ALERTS);
        List<ChurnTraffic.Alert> expected = traffic.expectedAlerts(SETTINGS);
        assertThat(expected).as("the traffic has alerts of every kind").hasSizeGreaterThan(5);
        assertThat(expected).anyMatch(a -> a.resolvedAtMs() == ChurnCustomerState.NONE);
        assertThat(expected).anyMatch(a -> a.resolvedAtMs() != ChurnCustomerState.NONE);
        assertThat(expected).anyMatch(a -> !a.reasons().isEmpty());
        assertThat(ChurnTraffic.actualAlerts(rows)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows).allMatch(r -> r.tsMs() <= traffic.end, "nothing after the input's last event time");
        assertThat(rows).extracting(ChurnAlertRow::eventId).doesNotHaveDuplicates();
        List<ChurnAlert> published = outputs.published(OutputTopic.CHURN_ALERTS);
        assertThat(published)
                .containsExactlyInAnyOrderElementsOf(
                        rows.stream().map(ChurnAlertRow::toEvent).toList());
    }

    /**
     * Live: every input unbounded and quiet (marked idle), a customer falls due a few seconds from now. Without the
     * clock event time stands still and nothing opens; with it the alert opens by the wall clock, at its due moment.
     */
    @Test
    void liveTheClockOpensAnAlertWhenEveryInputIsQuiet() throws Exception {
        Duration lag = Duration.ofSeconds(1);
        assertThat(runLive(Optional.empty(), Duration.ofSeconds(6))).isEmpty();

        List<ChurnAlertRow> alerts = runLive(Optional.of(new LiveClock(lag)), Duration.ofSeconds(60));
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ChurnAlertStatus.OPENED);
            assertThat(a.tsMs()).isEqualTo(a.openedAtMs());
            assertThat(a.customerId()).isEqualTo("live");
        });
    }

    /**
     * Runs the operators on live-like sources (one record each, then silent, idle after a second) until an alert
     * comes or {@code atMost} has passed; the customer falls due four seconds after the start.
     */
    private static List<ChurnAlertRow> runLive(Optional<LiveClock> clock, Duration atMost) throws Exception {
        long now = System.currentTimeMillis();
        long due = now + 4_000;
        long lastPurchase = due - Math.round(365.0 / 2 * DAY);
        StreamExecutionEnvironment env = environment();
        env.getConfig().setAutoWatermarkInterval(200);
        CollectingOutputs outputs = new CollectingOutputs();
        ChurnAlerts.build(
                QuietSources.quiet(
                        env,
                        List.of(new CustomerFigures("live", 2, new BigDecimal("900"), lastPurchase, lastPurchase, 1)),
                        CustomerFigures::asOfMs,
                        CustomerFigures.class,
                        "figures"),
                QuietSources.quiet(
                        env,
                        List.of(new TierCutPoints(
                                now - 10_000,
                                10,
                                new BigDecimal("2000"),
                                new BigDecimal("800"),
                                new BigDecimal("300"))),
                        TierCutPoints::asOfMs,
                        TierCutPoints.class,
                        "cuts"),
                QuietSources.quiet(env, List.of(), t -> t.ts().toEpochMilli(), Ticket.class, "tickets"),
                QuietSources.quiet(env, List.of(), e -> e.ts().toEpochMilli(), ContactEvent.class, "contacts"),
                SETTINGS,
                clock,
                ChurnAlerts.Sinks.of(outputs));
        JobClient job = env.executeAsync("churn live");
        try {
            long deadline = System.currentTimeMillis() + atMost.toMillis();
            while (System.currentTimeMillis() < deadline
                    && outputs.rows(ChurnAlertTables.ALERTS).isEmpty()) {
                Thread.sleep(200);
            }
            return List.copyOf(outputs.rows(ChurnAlertTables.ALERTS));
        } finally {
            job.cancel().get();
        }
    }

    /** A bounded stream whose watermark follows each record (the records in time order). */
    private static <T> DataStream<T> bounded(
            StreamExecutionEnvironment env,
            List<T> records,
            QuietSources.EventTime<T> time,
            Class<T> type,
            String name) {
        return env.fromData(records, TypeInformation.of(type))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.forGenerator((WatermarkGeneratorSupplier<T>) c -> new EveryRecord<>())
                                .withTimestampAssigner((r, ts) -> time.millis(r)))
                .name(name);
    }

    private static final class EveryRecord<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(eventTimestamp));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
