package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.jobs.platform.LiveClock;
import org.ccpulse.jobs.testing.CollectingOutputs;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live, the orders topic gone quiet (marked idle): the last order is applied and still leaves the window when its
 * time comes, by the live clock, so F, TM and the cut-points' as_of keep following the wall clock at night. Without
 * the clock event time stands still just behind the last order, which then waits for ever.
 */
class CustomerValueLiveTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** A one-day window, so an order can leave it a few seconds after the test starts. */
    private static final CustomerValueConfig ONE_DAY = CustomerValueConfig.parse("customer-value:\n  window_days: 1\n");

    @Test
    void anOrderLeavesTheWindowByTheWallClockWhenTheOrdersTopicIsQuiet() throws Exception {
        assertThat(runLive(Optional.empty(), Duration.ofSeconds(6)))
                .as("without the clock event time stays behind the purchase, which waits for it (RfmTracker applies"
                        + " orders once the watermark passes them): nothing")
                .isEmpty();

        List<CustomerFigures> withClock =
                runLive(Optional.of(new LiveClock(Duration.ofSeconds(1))), Duration.ofSeconds(60));
        assertThat(withClock).extracting(CustomerFigures::f).containsExactly(1, 0);
        assertThat(withClock.get(1).asOfMs() - withClock.get(0).lastPurchaseMs())
                .as("it left at its expiry, one day after the purchase")
                .isEqualTo(Duration.ofDays(1).toMillis());
    }

    /** The job's RFM half on one purchase made a day ago less four seconds, then silence; its figures rows. */
    private static List<CustomerFigures> runLive(Optional<LiveClock> clock, Duration atMost) throws Exception {
        long purchase = System.currentTimeMillis() - Duration.ofDays(1).toMillis() + 4_000;
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.getConfig().setAutoWatermarkInterval(200);
        CollectingOutputs outputs = new CollectingOutputs();
        CustomerValueJob.build(
                QuietSources.quiet(
                        env,
                        List.of(new Order(
                                "e-1",
                                "o-1",
                                "cu-1",
                                OrderType.PURCHASE,
                                Instant.ofEpochMilli(purchase),
                                new BigDecimal("120.00"),
                                "EUR")),
                        o -> o.ts().toEpochMilli(),
                        Order.class,
                        "orders"),
                ONE_DAY,
                clock,
                CustomerValueJob.Sinks.of(outputs));
        JobClient job = env.executeAsync("customer value live");
        try {
            long deadline = System.currentTimeMillis() + atMost.toMillis();
            while (System.currentTimeMillis() < deadline
                    && outputs.rows(CustomerValueTables.RFM_STATE).size() < 2) {
                Thread.sleep(200);
            }
            return List.copyOf(outputs.rows(CustomerValueTables.RFM_STATE));
        } finally {
            job.cancel().get();
        }
    }
}
