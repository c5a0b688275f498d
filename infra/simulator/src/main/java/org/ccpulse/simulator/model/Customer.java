package org.ccpulse.simulator.model;

/**
 * A customer of the company behind the center.
 *
 * @param orderScale       median amount of one purchase (log-normal across shoppers: heavy-tailed); 0 if
 *                         the customer does not buy in the shop
 * @param purchasesPerYear the customer's own purchase rate; 0 if the customer does not buy in the shop
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
