package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A customer's purchases and refunds still in the trailing window, oldest first, as two parallel arrays (a Flink
 * POJO): one state entry per customer, whatever the number of its orders, bounded by a year of them. An amount is
 * signed: positive for a purchase, negative for a refund (EVENTS.md amounts are always positive, the type says
 * which way the money went), so TM is the plain sum and F the number of positive amounts.
 */
public class WindowOrders {
    /** Each order's ts (epoch ms), ascending; orders of equal ts keep their arrival order. */
    public long[] ts = new long[0];
    /** Each order's amount, + for a purchase, - for a refund, exact. */
    public BigDecimal[] amounts = new BigDecimal[0];
    /** The customer's one pending event-time timer ({@link CustomerFigures#NONE} when none). */
    public long timerMs = CustomerFigures.NONE;

    public WindowOrders() {}

    boolean isEmpty() {
        return ts.length == 0;
    }

    long oldestTs() {
        return ts[0];
    }

    /** Places an order by its ts (a late one among the earlier ones). */
    void add(long orderTs, BigDecimal signedAmount) {
        int at = ts.length;
        while (at > 0 && ts[at - 1] > orderTs) {
            at--;
        }
        long[] t = new long[ts.length + 1];
        BigDecimal[] a = new BigDecimal[amounts.length + 1];
        System.arraycopy(ts, 0, t, 0, at);
        System.arraycopy(amounts, 0, a, 0, at);
        t[at] = orderTs;
        a[at] = signedAmount;
        System.arraycopy(ts, at, t, at + 1, ts.length - at);
        System.arraycopy(amounts, at, a, at + 1, amounts.length - at);
        ts = t;
        amounts = a;
    }

    /** Drops the orders with ts at or before {@code cutoffMs} (they left the window); returns how many. */
    int dropUpTo(long cutoffMs) {
        int n = 0;
        while (n < ts.length && ts[n] <= cutoffMs) {
            n++;
        }
        if (n > 0) {
            ts = Arrays.copyOfRange(ts, n, ts.length);
            amounts = Arrays.copyOfRange(amounts, n, amounts.length);
        }
        return n;
    }

    /** F: the purchases. */
    int purchases() {
        int f = 0;
        for (BigDecimal a : amounts) {
            if (a.signum() > 0) {
                f++;
            }
        }
        return f;
    }

    /** TM: purchases minus refunds, exact. */
    BigDecimal total() {
        BigDecimal tm = BigDecimal.ZERO;
        for (BigDecimal a : amounts) {
            tm = tm.add(a);
        }
        return tm;
    }

    /** The ts of the latest purchase, {@link CustomerFigures#NONE} when there is none. */
    long lastPurchaseMs() {
        for (int i = ts.length - 1; i >= 0; i--) {
            if (amounts[i].signum() > 0) {
                return ts[i];
            }
        }
        return CustomerFigures.NONE;
    }
}
