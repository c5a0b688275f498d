package org.ccpulse.simulator.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;

/**
 * The commerce system: each shopper (see {@link CustomerBase}) buys as a Poisson process at their own yearly rate
 * (following the intraday curve), until their churn moment if they have one. An amount is the
 * customer's order scale times a log-normal factor (median 1, sigma 0.5); 6 % of purchases are
 * refunded days later, fully or in part.
 */
public final class Shop {
    static final double AMOUNT_SIGMA = 0.5;
    static final double REFUND_SHARE = 0.06;
    private static final double YEAR_MS = 365.0 * 86_400_000;
    private static final double DAY_MS = 86_400_000;
    /** Mean of the arrival curve over a day: thinning keeps mean / max of the candidates. */
    private static final double CURVE_MEAN = curveMean();

    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final Ids ids;
    private final ModelOutput out;
    private final ArrivalCurve curve;
    private final long end;

    public Shop(Scheduler scheduler, RandomGenerator rng, Ids ids, ModelOutput out, ArrivalCurve curve, long end) {
        this.scheduler = scheduler;
        this.rng = rng;
        this.ids = ids;
        this.out = out;
        this.curve = curve;
        this.end = end;
    }

    /** Starts every shopper's purchase process at {@code from}. */
    public void open(CustomerBase customers, long from) {
        for (Customer c : customers.shoppers()) {
            scheduleNextPurchase(c, from);
        }
    }

    private void scheduleNextPurchase(Customer c, long from) {
        double meanGapMs = YEAR_MS / c.purchasesPerYear() * CURVE_MEAN / ArrivalCurve.max();
        long stop = Math.min(end, c.churnAt());
        double t = from;
        do {
            t += Draw.exponential(rng, meanGapMs);
            if (t >= stop) {
                return;
            }
        } while (rng.nextDouble() * ArrivalCurve.max() >= curve.at((long) t));
        scheduler.at((long) t, () -> purchase(c));
    }

    private void purchase(Customer c) {
        long now = scheduler.now();
        String orderId = ids.order();
        BigDecimal amount = cents(c.orderScale() * Draw.logNormal(rng, 1, AMOUNT_SIGMA));
        String currency = Draw.chance(rng, 0.9) ? "EUR" : null;
        out.order(new Order(
                ids.event(), orderId, c.id(), OrderType.PURCHASE, Instant.ofEpochMilli(now), amount, currency));
        if (Draw.chance(rng, REFUND_SHARE)) {
            long refundAt = now + (long) Math.max(DAY_MS / 24, Draw.logNormal(rng, 5 * DAY_MS, 0.8));
            BigDecimal refund =
                    Draw.chance(rng, 0.7) ? amount : cents(amount.doubleValue() * (0.2 + 0.6 * rng.nextDouble()));
            out.order(new Order(
                    ids.event(), orderId, c.id(), OrderType.REFUND, Instant.ofEpochMilli(refundAt), refund, currency));
        }
        scheduleNextPurchase(c, now);
    }

    private static BigDecimal cents(double amount) {
        return BigDecimal.valueOf(Math.max(1.0, amount)).setScale(2, RoundingMode.HALF_UP);
    }

    private static double curveMean() {
        double sum = 0;
        int steps = 24 * 60;
        for (int m = 0; m < steps; m++) {
            sum += ArrivalCurve.atHour((m + 0.5) / 60.0);
        }
        return sum / steps;
    }
}
