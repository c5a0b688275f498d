package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.customervalue.Orders.DAY;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.CollectingOutputs;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;
import org.ccpulse.schemas.parse.Problem;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole job on a MiniCluster through the launcher (parallelism 2, generic types off, so no Kryo anywhere), from a
 * bounded NDJSON file of two years of orders of 300 customers (purchases, refunds, some delivered up to 90 minutes
 * late, a redelivery, a bad record) to collecting sinks. Each customer's newest row must equal a plain recomputation at
 * its as_of, orders that left the window included; the last tier cut-points are those of the exact ranks of the
 * customers' final TM (below K customers the sketch is exact) as of the input's last event.
 */
class CustomerValuePipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** Long enough ago that no order is in the future of the parsers' clock (FUTURE_TIMESTAMP). */
    static final long START = Instant.parse("2023-01-02T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** Two years of orders: per customer 1 to 14 purchases at random times, a tenth of them refunded in part later. */
    static List<Order> orders(long seed) {
        Random random = new Random(seed);
        List<Order> orders = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            String customer = "cu-" + c;
            int purchases = 1 + random.nextInt(14);
            for (int p = 0; p < purchases; p++) {
                long ts = START + (long) (random.nextDouble() * 730 * DAY);
                BigDecimal amount = BigDecimal.valueOf(Math.exp(3.5 + 1.2 * random.nextGaussian()))
                        .setScale(2, RoundingMode.HALF_EVEN);
                if (amount.signum() <= 0) {
                    amount = new BigDecimal("0.01");
                }
                orders.add(Orders.order(customer, OrderType.PURCHASE, ts, amount.toPlainString()));
                if (random.nextInt(10) == 0) {
                    long later = ts + (long) (random.nextDouble() * 60 * DAY);
                    BigDecimal part = amount.multiply(new BigDecimal("0.5")).setScale(2, RoundingMode.DOWN);
                    if (part.signum() > 0) {
                        orders.add(Orders.order(customer, OrderType.REFUND, later, part.toPlainString()));
                    }
                }
            }
        }
        orders.sort(Comparator.comparing(Order::ts));
        return orders;
    }

    static String json(Order o) {
        return "{\"event_id\":\"" + o.eventId() + "\",\"order_id\":\"" + o.orderId() + "\",\"customer_id\":\""
                + o.customerId() + "\",\"type\":\"" + o.type().wire() + "\",\"ts\":\"" + o.ts() + "\",\"amount\":"
                + o.amount().toPlainString() + ",\"currency\":\"EUR\"}";
    }

    /** On the heap and on production's RocksDB (its serializers, and the tick's pass over every key). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = StateSettings.Backend.class,
            names = {"HEAP", "ROCKSDB"})
    void figuresEqualAPlainRecomputationAndTheLastCutsTheExactRanks(StateSettings.Backend backend) throws Exception {
        List<Order> orders = orders(7);
        // Delivery order: every 25th order 90 minutes late (within the 2 h lateness), one redelivered, one bad.
        List<Order> delivered = new ArrayList<>(orders);
        delivered.sort(Comparator.comparingLong(o ->
                o.ts().toEpochMilli() + (Long.parseLong(o.eventId().substring(1)) % 25 == 0 ? 90 * 60_000L : 0)));
        List<String> lines = new ArrayList<>(
                delivered.stream().map(CustomerValuePipelineTest::json).toList());
        // Redelivered right after itself: a few records later can be hours of event time later (300 customers over two
        // years), and once a watermark passed ts + the lateness the copy would be LATE, not a duplicate.
        lines.add(lines.size() / 2 + 1, lines.get(lines.size() / 2));
        lines.add(
                100,
                "{\"event_id\":\"bad\",\"order_id\":\"o\",\"customer_id\":\"cu-1\",\"type\":\"PURCHASE\","
                        + "\"ts\":\"2025-02-01T00:00:00Z\",\"amount\":\"12.00\"}"); // amount as a string
        Path input = dir.resolve("orders.ndjson");
        Files.write(input, lines, StandardCharsets.UTF_8);
        // The churn half reads tickets and contact events too: none here (ChurnAlertsPipelineTest has them).
        Path noTickets = Files.createFile(dir.resolve("tickets.ndjson"));
        Path noContacts = Files.createFile(dir.resolve("contact-events.ndjson"));

        CollectingOutputs outputs = new CollectingOutputs();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StateSettings.apply(conf, backend, dir.resolve("checkpoints").toUri().toString());
        // Watermarks every millisecond rather than 200: the file is read in about a second, and event time should
        // move with it so that orders leave the window by their timers too, not only when a later order comes.
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, java.time.Duration.ofMillis(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        Launcher.build(
                env,
                List.of(new CustomerValueJob()),
                DeploymentConfig.defaults(),
                Inputs.files(Map.of(
                        "orders",
                        List.of(input),
                        "tickets",
                        List.of(noTickets),
                        "contact-events",
                        List.of(noContacts))),
                outputs);
        env.execute();

        List<CustomerFigures> rows = outputs.rows(CustomerValueTables.RFM_STATE);
        Map<String, List<Order>> byCustomer =
                RfmRecomputation.distinct(orders).stream().collect(Collectors.groupingBy(Order::customerId));
        long lastEvent = orders.get(orders.size() - 1).ts().toEpochMilli();

        // Per customer, versions grow in the order rows were written; the newest row is the plain recomputation.
        Map<String, CustomerFigures> newest = new HashMap<>();
        for (CustomerFigures row : rows) {
            CustomerFigures before = newest.get(row.customerId());
            if (before != null) {
                assertThat(row.version()).as(row.customerId()).isGreaterThan(before.version());
            }
            newest.put(row.customerId(), row);
        }
        assertThat(newest.keySet()).containsExactlyInAnyOrderElementsOf(byCustomer.keySet());
        int expired = 0;
        for (CustomerFigures row : newest.values()) {
            RfmRecomputation.Figures expected = RfmRecomputation.at(byCustomer.get(row.customerId()), row.asOfMs());
            assertThat(row.f()).as(row.customerId()).isEqualTo(expected.f());
            assertThat(row.tm()).as(row.customerId()).isEqualByComparingTo(expected.tm());
            assertThat(row.lastPurchaseMs())
                    .as(row.customerId())
                    .isEqualTo(expected.lastPurchaseMs() == null ? CustomerFigures.NONE : expected.lastPurchaseMs());
            assertThat(row.asOfMs())
                    .as("nothing expires past the input's last event")
                    .isLessThanOrEqualTo(lastEvent);
            if (row.asOfMs()
                    > byCustomer.get(row.customerId()).stream()
                            .mapToLong(o -> o.ts().toEpochMilli())
                            .max()
                            .orElseThrow()) {
                expired++;
            }
        }
        assertThat(expired)
                .as("customers whose newest row is an order leaving the window")
                .isGreaterThan(5);
        Map<String, java.util.Set<Long>> orderTimes = orders.stream()
                .collect(Collectors.groupingBy(
                        Order::customerId, Collectors.mapping(o -> o.ts().toEpochMilli(), Collectors.toSet())));
        long expiries = rows.stream()
                .filter(r -> !orderTimes.get(r.customerId()).contains(r.asOfMs()))
                .count();
        assertThat(expiries).as("rows of an order leaving the window").isGreaterThan(0);

        List<TierCutPoints> cuts = outputs.rows(CustomerValueTables.TIER_CUT_POINTS);
        assertThat(cuts.size())
                .as("the last, and any hourly tick at least 30 s after the first (the run's first tick comes at its"
                        + " first watermark, before the orders it passes are applied: no customer ranked yet)")
                .isGreaterThanOrEqualTo(1);
        TierCutPoints last = cuts.stream()
                .max(Comparator.comparingLong(TierCutPoints::asOfMs))
                .orElseThrow();
        assertThat(last.asOfMs()).as("as of the input's last event").isEqualTo(lastEvent);
        List<BigDecimal> ranked = newest.values().stream()
                .filter(r -> r.f() >= 1)
                .map(CustomerFigures::tm)
                .sorted()
                .toList();
        assertThat(last.customers()).isEqualTo(ranked.size());
        assertThat(last.topMinTm()).isEqualByComparingTo(RfmRecomputation.exactCut(ranked, TierSketches.TOP_RANK));
        assertThat(last.highMinTm()).isEqualByComparingTo(RfmRecomputation.exactCut(ranked, TierSketches.HIGH_RANK));
        assertThat(last.midMinTm()).isEqualByComparingTo(RfmRecomputation.exactCut(ranked, TierSketches.MID_RANK));

        assertThat(outputs.deadLetters).extracting(DeadLetter::problem).containsExactly(Problem.WRONG_TYPE);
        System.out.printf(
                "customer value pipeline: %d orders, %d figure rows (%d by expiry), %d customers (%d ranked, %d newest"
                        + " by expiry), %d cut-point rows%n",
                orders.size(), rows.size(), expiries, newest.size(), ranked.size(), expired, cuts.size());
    }
}
