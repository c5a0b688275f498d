package org.ccpulse.simulator.model;

/**
 * A customer of the company behind the center.
 *
 * @param orderScale       median amount of one purchase (log-normal across customers: heavy-tailed)
 * @param purchasesPerYear the customer's own purchase rate
 * @param churnAt          epoch ms from which the customer buys nothing any more; {@link Long#MAX_VALUE} if never
 */
public record Customer(String id, double orderScale, double purchasesPerYear, long churnAt) {

    public boolean churner() {
        return churnAt != Long.MAX_VALUE;
    }

    /** Expected spend per year, used to rank customers by value. */
    public double expectedYearlyValue() {
        return orderScale * purchasesPerYear;
    }
}
