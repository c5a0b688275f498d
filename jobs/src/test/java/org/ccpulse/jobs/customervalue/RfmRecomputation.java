package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;

/** METRICS.md's RFM figures and tiers recomputed plainly from the orders, as the tests' expectation. */
final class RfmRecomputation {

    static final long WINDOW_MS = 365 * Orders.DAY;

    /** F, TM and the last purchase (null when none) of one customer at t. */
    record Figures(int f, BigDecimal tm, Long lastPurchaseMs) {}

    private RfmRecomputation() {}

    /** Each event once (the first with its event_id), as the intake's deduplication leaves them. */
    static List<Order> distinct(Collection<Order> orders) {
        Map<String, Order> byId = new LinkedHashMap<>();
        for (Order o : orders) {
            byId.putIfAbsent(o.eventId(), o);
        }
        return new ArrayList<>(byId.values());
    }

    /** A customer's figures over its orders with ts in (t - 365 days, t]. */
    static Figures at(List<Order> ordersOfCustomer, long t) {
        int f = 0;
        BigDecimal tm = BigDecimal.ZERO;
        Long last = null;
        for (Order o : ordersOfCustomer) {
            long ts = o.ts().toEpochMilli();
            if (ts <= t - WINDOW_MS || ts > t) {
                continue;
            }
            if (o.type() == OrderType.PURCHASE) {
                f++;
                tm = tm.add(o.amount());
                last = last == null ? ts : Math.max(last, ts);
            } else {
                tm = tm.subtract(o.amount());
            }
        }
        return new Figures(f, tm, last);
    }

    /**
     * The exact least TM of the tier of rank r among these TMs (ascending): the smallest whose share of customers at
     * or below it exceeds r, i.e. x(floor(rN) + 1).
     */
    static BigDecimal exactCut(List<BigDecimal> ascending, double rank) {
        return ascending.get((int) Math.floor(rank * ascending.size()));
    }

    /** The share of customers whose TM is below the cut. */
    static double shareBelow(List<BigDecimal> ascending, BigDecimal cut) {
        return ascending.stream().filter(tm -> tm.compareTo(cut) < 0).count() / (double) ascending.size();
    }
}
