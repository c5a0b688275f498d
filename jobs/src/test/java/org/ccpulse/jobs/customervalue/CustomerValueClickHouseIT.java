package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.parse.OrderParser;
import org.ccpulse.schemas.parse.ParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's rows in the real tables: a week of the simulator's orders (with their mess: redeliveries, late and bad
 * records) through the launcher from the file, into a fresh ClickHouse database; the public view {@code customer_rfm}
 * must equal a plain recomputation of the same records at the view's as_of (the input's last event), and its tiers
 * must be those of cut-points within 0.5 points of the exact ranks.
 */
@ExtendWith(ComponentsExtension.class)
class CustomerValueClickHouseIT {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void customerRfmEqualsAPlainRecomputationAtItsAsOf(ClickHouseEndpoint clickHouse) throws Exception {
        SimulatedTraffic.simulate(dir, 5, 7, "2026-10-05", 11);
        Path file = dir.resolve("orders.ndjson");
        List<Order> accepted = accepted(file);
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);

        long started = System.nanoTime();
        Launcher.start(
                        "customer value IT",
                        JobRuns.OPTIONS,
                        List.of(new CustomerValueJob()),
                        JobRuns.DEPLOYMENT,
                        Inputs.files(Map.of(
                                "orders",
                                List.of(file),
                                "tickets",
                                List.of(dir.resolve("tickets.ndjson")),
                                "contact-events",
                                List.of(dir.resolve("contact-events.ndjson")))),
                        ClickHouseOutputs.clickHouseOnly(db))
                .getJobExecutionResult()
                .get();
        long ran = System.nanoTime();

        List<Order> distinct = RfmRecomputation.distinct(accepted);
        long lastEvent =
                distinct.stream().mapToLong(o -> o.ts().toEpochMilli()).max().orElseThrow();
        List<List<String>> view = rows(
                db,
                "SELECT customer_id, f, toString(tm), toString(m), p_days, r_days, delta_days, tier,"
                        + " toUnixTimestamp64Milli(as_of) FROM customer_rfm ORDER BY customer_id");
        assertThat(view).isNotEmpty();
        long asOf = Long.parseLong(view.get(0).get(8));
        assertThat(asOf).as("the view is as of the input's last event").isEqualTo(lastEvent);

        Map<String, List<Order>> byCustomer = distinct.stream().collect(Collectors.groupingBy(Order::customerId));
        Map<String, RfmRecomputation.Figures> expected = new TreeMap<>();
        byCustomer.forEach((customer, orders) -> {
            RfmRecomputation.Figures f = RfmRecomputation.at(orders, asOf);
            if (f.f() >= 1) {
                expected.put(customer, f);
            }
        });
        assertThat(view.stream().map(r -> r.get(0)).toList()).containsExactlyElementsOf(expected.keySet());
        for (List<String> r : view) {
            RfmRecomputation.Figures e = expected.get(r.get(0));
            assertThat(Integer.parseInt(r.get(1))).as(r.get(0)).isEqualTo(e.f());
            assertThat(new BigDecimal(r.get(2))).as(r.get(0)).isEqualByComparingTo(e.tm());
            assertThat(new BigDecimal(r.get(3)))
                    .as("M of " + r.get(0))
                    .isEqualByComparingTo(e.tm().divide(BigDecimal.valueOf(e.f()), 4, RoundingMode.DOWN));
            double p = 365.0 / e.f();
            double rDays = (asOf - e.lastPurchaseMs()) / 86_400_000.0;
            assertThat(Double.parseDouble(r.get(4))).as("P of " + r.get(0)).isCloseTo(p, within());
            assertThat(Double.parseDouble(r.get(5))).as("R of " + r.get(0)).isCloseTo(rDays, within());
            assertThat(Double.parseDouble(r.get(6))).as("delta of " + r.get(0)).isCloseTo(p - rDays, within());
        }

        // The tiers: the latest cut-points are as of the last event, each within 0.5 points of its exact rank, and
        // each customer's tier is its TM against them.
        List<String> cuts = rows(
                        db,
                        "SELECT toUnixTimestamp64Milli(as_of), customers, toString(top_min_tm), toString(high_min_tm),"
                                + " toString(mid_min_tm) FROM customer_tier_cut_points FINAL ORDER BY as_of DESC LIMIT 1")
                .get(0);
        TierCutPoints latest = new TierCutPoints(
                Long.parseLong(cuts.get(0)),
                Long.parseLong(cuts.get(1)),
                new BigDecimal(cuts.get(2)),
                new BigDecimal(cuts.get(3)),
                new BigDecimal(cuts.get(4)));
        assertThat(latest.asOfMs()).isEqualTo(lastEvent);
        assertThat(latest.customers()).isEqualTo(expected.size());
        List<BigDecimal> ranked = expected.values().stream()
                .map(RfmRecomputation.Figures::tm)
                .sorted()
                .toList();
        assertThat(RfmRecomputation.shareBelow(ranked, latest.topMinTm())).isCloseTo(TierSketches.TOP_RANK, half());
        assertThat(RfmRecomputation.shareBelow(ranked, latest.highMinTm())).isCloseTo(TierSketches.HIGH_RANK, half());
        assertThat(RfmRecomputation.shareBelow(ranked, latest.midMinTm())).isCloseTo(TierSketches.MID_RANK, half());
        for (List<String> r : view) {
            assertThat(r.get(7))
                    .as("tier of " + r.get(0))
                    .isEqualTo(latest.tierOf(new BigDecimal(r.get(2))).wire());
        }
        Map<String, Long> tiers = view.stream().collect(Collectors.groupingBy(r -> r.get(7), Collectors.counting()));

        long stateRows = Long.parseLong(
                rows(db, "SELECT count() FROM customer_rfm_state").get(0).get(0));
        System.out.printf(
                "customer value IT: %d order records (%d accepted, %d distinct), %d customers ranked, tiers %s,"
                        + " %d rows in customer_rfm_state before FINAL; job %d ms%n",
                Files.readAllLines(file).size(),
                accepted.size(),
                distinct.size(),
                expected.size(),
                tiers,
                stateRows,
                (ran - started) / 1_000_000);
        // Not vacuous: refunds lowered TM, customers bought more than once, the mess reached the intake.
        assertThat(expected.values()).anyMatch(f -> f.f() >= 2);
        assertThat(distinct).anyMatch(o -> o.type() == org.ccpulse.schemas.event.OrderType.REFUND);
        assertThat(accepted.size()).isGreaterThan(distinct.size());
        assertThat(tiers).containsKeys("top", "high", "mid", "low");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    private static org.assertj.core.data.Offset<Double> half() {
        return org.assertj.core.data.Offset.offset(0.005);
    }

    /** The records of the file the parser accepts, in delivery order (redeliveries included). */
    private static List<Order> accepted(Path file) throws IOException {
        OrderParser parser = new OrderParser();
        List<Order> orders = new ArrayList<>();
        for (byte[] line : Files.readAllLines(file).stream()
                .map(l -> l.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toList()) {
            if (parser.parse(line) instanceof ParseResult.Accepted<Order> a) {
                orders.add(a.event());
            }
        }
        return orders;
    }

    static List<List<String>> rows(ClickHouseAccess db, String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
