package org.ccpulse.simulator.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The customer population: everyone who may get in touch with the center, of whom a share
 * ({@value #SHOPPER_SHARE}) also buys in the shop. Purchase sizes and rates are log-normal across
 * shoppers, so a few carry much of the revenue; a quarter of the top 5 % of shoppers by expected
 * value churn: they stop buying at a random moment within the simulated period. How often a
 * customer gets in touch is log-normal across the whole base.
 *
 * <p>Shoppers are built up front; the others only when first picked (most of a large base is
 * never picked in a short run), with the same id and attributes whenever that happens.
 */
public final class CustomerBase {
    static final double ORDER_SCALE_MEDIAN = 35;
    static final double ORDER_SCALE_SIGMA = 1.1;
    static final double PURCHASES_PER_YEAR_MEDIAN = 4;
    static final double PURCHASES_PER_YEAR_SIGMA = 0.9;
    static final double TOP_SHARE = 0.05;
    static final double CHURN_SHARE_OF_TOP = 0.25;
    static final double CONTACT_WEIGHT_SIGMA = 0.6;
    /** Share of the customers who also buy in the shop (the others only have contracts and call). */
    static final double SHOPPER_SHARE = 0.10;

    /** Every customer by index; null until first needed for a customer who does not shop. */
    private final Customer[] customers;

    private final List<Customer> shoppers;
    /** Cumulative contact propensity: some customers call far more often than others. */
    private final double[] contactCumulative;

    private CustomerBase(Customer[] customers, List<Customer> shoppers, double[] contactCumulative) {
        this.customers = customers;
        this.shoppers = shoppers;
        this.contactCumulative = contactCumulative;
    }

    /** Builds {@code count} customers; churning shoppers stop between 10 % and 70 % into [start, end). */
    public static CustomerBase create(int count, RandomGenerator rng, long start, long end) {
        Customer[] customers = new Customer[count];
        List<Integer> shopperIndexes = new ArrayList<>((int) (count * SHOPPER_SHARE * 1.1) + 1);
        double[] cumulative = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            if (Draw.chance(rng, SHOPPER_SHARE)) {
                customers[i] = new Customer(
                        id(i),
                        Draw.logNormal(rng, ORDER_SCALE_MEDIAN, ORDER_SCALE_SIGMA),
                        Draw.logNormal(rng, PURCHASES_PER_YEAR_MEDIAN, PURCHASES_PER_YEAR_SIGMA),
                        Long.MAX_VALUE);
                shopperIndexes.add(i);
            }
            sum += Draw.logNormal(rng, 1, CONTACT_WEIGHT_SIGMA);
            cumulative[i] = sum;
        }
        List<Customer> shoppers = new ArrayList<>(shopperIndexes.size());
        if (!shopperIndexes.isEmpty()) {
            double[] sorted = shopperIndexes.stream()
                    .mapToDouble(i -> customers[i].expectedYearlyValue())
                    .sorted()
                    .toArray();
            double topThreshold = sorted[sorted.length - (int) Math.ceil(sorted.length * TOP_SHARE)];
            long span = end - start;
            for (int i : shopperIndexes) {
                Customer c = customers[i];
                if (c.expectedYearlyValue() >= topThreshold && Draw.chance(rng, CHURN_SHARE_OF_TOP)) {
                    long churnAt = start + (long) (span * (0.1 + 0.6 * rng.nextDouble()));
                    customers[i] = c = new Customer(c.id(), c.orderScale(), c.purchasesPerYear(), churnAt);
                }
                shoppers.add(c);
            }
        }
        return new CustomerBase(customers, List.copyOf(shoppers), cumulative);
    }

    private static String id(int index) {
        return Ids.padded("cust-", index + 1, 7);
    }

    public int size() {
        return customers.length;
    }

    /** The customers who buy in the shop, in id order. */
    public List<Customer> shoppers() {
        return shoppers;
    }

    /** A customer picked in proportion to how often they get in touch. */
    public Customer pickContacting(RandomGenerator rng) {
        double u = rng.nextDouble() * contactCumulative[contactCumulative.length - 1];
        int i = Arrays.binarySearch(contactCumulative, u);
        return customer(Math.min(i >= 0 ? i + 1 : -i - 1, customers.length - 1));
    }

    public Customer pickUniform(RandomGenerator rng) {
        return customer(rng.nextInt(customers.length));
    }

    private Customer customer(int index) {
        Customer c = customers[index];
        if (c == null) {
            c = new Customer(id(index), 0, 0, Long.MAX_VALUE);
            customers[index] = c;
        }
        return c;
    }
}
