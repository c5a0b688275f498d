package org.ccpulse.simulator.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The customer population. Purchase sizes and rates are log-normal across customers, so a few
 * customers carry much of the revenue; a quarter of the top 5 % by expected value churn: they
 * stop buying at a random moment within the simulated period.
 */
public final class CustomerBase {
    static final double ORDER_SCALE_MEDIAN = 35;
    static final double ORDER_SCALE_SIGMA = 1.1;
    static final double PURCHASES_PER_YEAR_MEDIAN = 4;
    static final double PURCHASES_PER_YEAR_SIGMA = 0.9;
    static final double TOP_SHARE = 0.05;
    static final double CHURN_SHARE_OF_TOP = 0.25;
    static final double CONTACT_WEIGHT_SIGMA = 0.6;

    private final List<Customer> customers;
    /** Cumulative contact propensity: some customers call far more often than others. */
    private final double[] contactCumulative;

    private CustomerBase(List<Customer> customers, double[] contactCumulative) {
        this.customers = customers;
        this.contactCumulative = contactCumulative;
    }

    /** Builds {@code count} customers; churners stop between 10 % and 70 % into [start, end). */
    public static CustomerBase create(int count, RandomGenerator rng, long start, long end) {
        Customer[] drafts = new Customer[count];
        for (int i = 0; i < count; i++) {
            drafts[i] = new Customer(
                    Ids.padded("cust-", i + 1, 7),
                    Draw.logNormal(rng, ORDER_SCALE_MEDIAN, ORDER_SCALE_SIGMA),
                    Draw.logNormal(rng, PURCHASES_PER_YEAR_MEDIAN, PURCHASES_PER_YEAR_SIGMA),
                    Long.MAX_VALUE);
        }
        double[] values = new double[count];
        Arrays.setAll(values, i -> drafts[i].expectedYearlyValue());
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double topThreshold = sorted[count - (int) Math.ceil(count * TOP_SHARE)];
        long span = end - start;
        for (int i = 0; i < count; i++) {
            if (values[i] >= topThreshold && Draw.chance(rng, CHURN_SHARE_OF_TOP)) {
                long churnAt = start + (long) (span * (0.1 + 0.6 * rng.nextDouble()));
                Customer c = drafts[i];
                drafts[i] = new Customer(c.id(), c.orderScale(), c.purchasesPerYear(), churnAt);
            }
        }
        double[] cumulative = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Draw.logNormal(rng, 1, CONTACT_WEIGHT_SIGMA);
            cumulative[i] = sum;
        }
        return new CustomerBase(new ArrayList<>(List.of(drafts)), cumulative);
    }

    public List<Customer> all() {
        return customers;
    }

    /** A customer picked in proportion to how often they get in touch. */
    public Customer pickContacting(RandomGenerator rng) {
        double u = rng.nextDouble() * contactCumulative[contactCumulative.length - 1];
        int i = Arrays.binarySearch(contactCumulative, u);
        return customers.get(Math.min(i >= 0 ? i + 1 : -i - 1, customers.size() - 1));
    }

    public Customer pickUniform(RandomGenerator rng) {
        return customers.get(rng.nextInt(customers.size()));
    }
}
