package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import java.util.Arrays;
import org.ccpulse.jobs.platform.ArrayInsert;

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
    /** The customer's expiry or cleanup event-time timer ({@link CustomerFigures#NONE} when none). */
    public long timerMs = CustomerFigures.NONE;
    /** Orders received ahead of the watermark, waiting for it (ts ascending), and their signed amounts. */
    public long[] heldTs = new long[0];

    public BigDecimal[] heldAmounts = new BigDecimal[0];
    /** Whether the figures were handed to the last tier cut-points at the end of a bounded input. */
    public boolean handedOn;

    public WindowOrders() {}

    boolean isEmpty() {
        return ts.length == 0;
    }

    boolean holdsNone() {
        return heldTs == null || heldTs.length == 0;
    }

    /** The ts of the earliest order held, {@link Long#MAX_VALUE} when none. */
    long nextHeldTs() {
        return holdsNone() ? Long.MAX_VALUE : heldTs[0];
    }

    /** Holds an order until the watermark passes its ts (placed by ts, arrival order kept among equal ones). */
    void hold(long orderTs, BigDecimal signedAmount) {
        if (heldTs == null) {
            heldTs = new long[0];
            heldAmounts = new BigDecimal[0];
        }
        int at = heldTs.length;
        while (at > 0 && heldTs[at - 1] > orderTs) {
            at--;
        }
        heldTs = ArrayInsert.insert(heldTs, at, orderTs);
        heldAmounts = ArrayInsert.insert(heldAmounts, at, signedAmount);
    }

    /** Takes the earliest held order's amount out of the held ones (its ts is {@link #nextHeldTs}). */
    BigDecimal releaseNext() {
        BigDecimal amount = heldAmounts[0];
        heldTs = Arrays.copyOfRange(heldTs, 1, heldTs.length);
        heldAmounts = Arrays.copyOfRange(heldAmounts, 1, heldAmounts.length);
        return amount;
    }

    /** Whether an order is held with exactly this ts (its timer must not be deleted). */
    boolean holdsAt(long tsMs) {
        return !holdsNone() && Arrays.binarySearch(heldTs, tsMs) >= 0;
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
        ts = ArrayInsert.insert(ts, at, orderTs);
        amounts = ArrayInsert.insert(amounts, at, signedAmount);
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
