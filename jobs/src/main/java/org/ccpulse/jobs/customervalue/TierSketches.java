package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The tiers' quantile sketch (Apache DataSketches KLL over TM as a double) and how cut-points are read from it.
 *
 * <p><b>Rank to cut-point.</b> A tier's least TM is the {@code EXCLUSIVE} quantile of its rank r (0.99 for top,
 * 0.95 for high, 0.80 for mid): the smallest TM whose share of customers at or below it exceeds r. Over exact
 * values x(1) <= ... <= x(N) that is x(floor(rN) + 1), so the customers with TM >= the cut are the top
 * N - floor(rN) of them: exactly 1 % of 100 or of 1,000 customers, where the {@code INCLUSIVE} quantile x(ceil(rN))
 * would give 2 % of 100. Customers of equal TM fall on the same side of every cut.
 *
 * <p><b>Error.</b> With {@link #K} = 1000 the sketch's normalized rank error is 0.28 % (single-sided, 99 %
 * confidence; {@code KllSketch.getNormalizedRankError(1000, false)}), whatever the number of customers and subtasks
 * (merging keeps the bound): a cut's share of customers below it is within 0.28 points of its rank, inside METRICS.md's
 * 0.5. Below about K customers the sketch keeps every value and the cuts are exact. A sketch is about 23 KB
 * serialized.
 *
 * <p><b>Double.</b> TM is exact (BigDecimal) everywhere else; the sketch holds its double, which is exact to the
 * cent below 10^13, and a cut is given back rounded to the 4 decimals of the tables' {@code Decimal(18, 4)}, so a
 * cut is a customer's TM itself (never between two customers' values).
 */
public final class TierSketches {

    /** KLL's accuracy parameter: 0.28 % rank error at 99 % confidence (see the class comment). */
    public static final int K = 1000;

    public static final double TOP_RANK = 0.99;
    public static final double HIGH_RANK = 0.95;
    public static final double MID_RANK = 0.80;

    private static final int TM_SCALE = 4;

    private TierSketches() {}

    public static KllDoublesSketch empty() {
        return KllDoublesSketch.newHeapInstance(K);
    }

    public static byte[] toBytes(KllDoublesSketch sketch) {
        return sketch.toByteArray();
    }

    public static KllDoublesSketch fromBytes(byte[] bytes) {
        return KllDoublesSketch.heapify(Memory.wrap(bytes));
    }

    /** The least TM of each tier but low, from a sketch of the ranked customers' TM; null when it has none. */
    public static TierCutPoints cutPoints(KllDoublesSketch sketch, long asOfMs) {
        if (sketch.isEmpty()) {
            return null;
        }
        return new TierCutPoints(
                asOfMs, sketch.getN(), cut(sketch, TOP_RANK), cut(sketch, HIGH_RANK), cut(sketch, MID_RANK));
    }

    private static BigDecimal cut(KllDoublesSketch sketch, double rank) {
        double q = sketch.getQuantile(rank, QuantileSearchCriteria.EXCLUSIVE);
        return BigDecimal.valueOf(q).setScale(TM_SCALE, RoundingMode.HALF_EVEN);
    }
}
