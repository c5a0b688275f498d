package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.model.Customer;
import org.ccpulse.simulator.output.InputTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrdersTest {
    private static Simulation simulation;
    private static List<JsonNode> orders;

    @BeforeAll
    static void simulate() {
        simulation = new Simulation(Runs.config(13, 5, 200_000, 60, ZoneOffset.UTC, MessRates.none()), Runs.CLOCK);
        orders = Runs.events(Runs.run(simulation), InputTopic.ORDERS);
    }

    @Test
    void purchaseAmountsAreHeavyTailed() {
        double[] amounts = orders.stream()
                .filter(o -> Runs.text(o, "type").equals("PURCHASE"))
                .mapToDouble(o -> o.get("amount").asDouble())
                .sorted()
                .toArray();
        double median = amounts[amounts.length / 2];
        double mean = java.util.Arrays.stream(amounts).average().orElseThrow();
        double p99 = amounts[(int) (amounts.length * 0.99)];

        assertThat(amounts.length).isGreaterThan(10_000);
        assertThat(mean).isGreaterThan(1.5 * median);
        assertThat(p99).isGreaterThan(8 * median);
        assertThat(amounts[0]).isPositive();
    }

    @Test
    void amountsAreExactDecimalsWithCentsAndRefundsFollowTheirPurchase() {
        Map<String, JsonNode> purchases = new HashMap<>();
        int refunds = 0;
        for (JsonNode o : orders) {
            assertThat(o.get("amount").decimalValue().scale()).isEqualTo(2);
            if (Runs.text(o, "type").equals("PURCHASE")) {
                purchases.put(Runs.text(o, "order_id"), o);
            }
        }
        for (JsonNode o : orders) {
            if (Runs.text(o, "type").equals("REFUND")) {
                JsonNode purchase = purchases.get(Runs.text(o, "order_id"));
                assertThat(purchase).isNotNull();
                assertThat(Runs.text(o, "customer_id")).isEqualTo(Runs.text(purchase, "customer_id"));
                assertThat(Runs.instant(o, "ts")).isAfter(Runs.instant(purchase, "ts"));
                assertThat(new BigDecimal(o.get("amount").asText()))
                        .isLessThanOrEqualTo(
                                new BigDecimal(purchase.get("amount").asText()));
                refunds++;
            }
        }
        assertThat(refunds).isGreaterThan(purchases.size() / 40);
    }

    /**
     * A smaller customer base is the larger one's first customers: each customer's attributes are drawn in id
     * order from the seed's customer stream, whatever the agents, the days and the size of the base (only the
     * churners, chosen among the top shoppers of the base, differ). DashboardQueriesIT takes a year of orders from a
     * run with few agents and half the customers of the center whose contacts it uses, and relies on this.
     */
    @Test
    void aSmallerBaseHasTheLargerOnesFirstShoppersWhateverTheAgentsAndDays() {
        List<Customer> large = new Simulation(
                        Runs.config(5, 30, 300_000, 35, ZoneOffset.UTC, MessRates.none()), Runs.CLOCK)
                .customers()
                .shoppers();
        List<Customer> small = new Simulation(
                        Runs.config(5, 5, 150_000, 400, ZoneOffset.UTC, MessRates.none()), Runs.CLOCK)
                .customers()
                .shoppers();
        List<Customer> largePrefix = large.stream()
                .filter(c -> Integer.parseInt(c.id().substring("cust-".length())) <= 150_000)
                .toList();
        assertThat(small).hasSizeGreaterThan(14_000).hasSameSizeAs(largePrefix);
        for (int i = 0; i < small.size(); i++) {
            Customer s = small.get(i);
            Customer l = largePrefix.get(i);
            assertThat(List.of(s.id(), s.orderScale(), s.purchasesPerYear()))
                    .isEqualTo(List.of(l.id(), l.orderScale(), l.purchasesPerYear()));
        }
    }

    @Test
    void churnersAreHighValueCustomersWhoStopBuying() {
        Map<String, Customer> churners = new HashMap<>();
        simulation.customers().shoppers().stream().filter(Customer::churner).forEach(c -> churners.put(c.id(), c));
        Map<String, Integer> boughtBefore = new HashMap<>();
        for (JsonNode o : orders) {
            Customer c = churners.get(Runs.text(o, "customer_id"));
            if (c == null || !Runs.text(o, "type").equals("PURCHASE")) {
                continue;
            }
            assertThat(Runs.instant(o, "ts")).isBefore(Instant.ofEpochMilli(c.churnAt()));
            boughtBefore.merge(c.id(), 1, Integer::sum);
        }
        double medianValue = simulation.customers().shoppers().stream()
                .mapToDouble(Customer::expectedYearlyValue)
                .sorted()
                .toArray()[simulation.customers().shoppers().size() / 2];

        assertThat(churners).hasSizeGreaterThan(100);
        assertThat(churners.values()).allMatch(c -> c.expectedYearlyValue() > 5 * medianValue);
        assertThat(boughtBefore.size())
                .as("churners with purchases before they stop")
                .isGreaterThan(churners.size() / 2);
    }
}
