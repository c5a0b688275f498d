package org.ccpulse.jobs.complaints;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The distribution of an hour's count: Poisson with mean {@code mean} when {@code variance <= mean},
 * otherwise negative binomial with that mean and variance (size {@code r = mean^2 / (variance - mean)},
 * real-valued: the Gamma-Poisson mixture).
 *
 * <p>Tails come from commons-math3's regularized functions, exact for real {@code r}:
 * Poisson {@code P[X >= k] = P(k, mean)} (regularized lower incomplete gamma); negative binomial with
 * {@code p = r / (r + mean)}: {@code P[X <= k - 1] = I_p(r, k)}, so {@code P[X >= k] = I_{1-p}(k, r)}
 * (regularized incomplete beta). Quantiles are found by bisection on these tails.
 */
public record CountModel(double mean, double variance) {

    public CountModel {
        if (!(mean > 0) || !(variance > 0) || Double.isInfinite(mean) || Double.isInfinite(variance)) {
            throw new IllegalArgumentException(
                    "mean and variance must be positive and finite: " + mean + ", " + variance);
        }
    }

    public boolean isPoisson() {
        return variance <= mean * (1 + 1e-9);
    }

    /** The negative binomial size {@code r}, or infinity for Poisson. */
    public double size() {
        return isPoisson() ? Double.POSITIVE_INFINITY : mean * mean / (variance - mean);
    }

    /** {@code P[X >= k]}. */
    public double upperTail(long k) {
        if (k <= 0) {
            return 1.0;
        }
        if (isPoisson()) {
            return Gamma.regularizedGammaP(k, mean);
        }
        double r = size();
        return Beta.regularizedBeta(mean / (r + mean), k, r);
    }

    /** The least {@code k >= 0} with {@code P[X <= k] >= q}, i.e. {@code P[X > k] <= 1 - q}. */
    public long quantile(double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1): " + q);
        }
        double tail = 1 - q;
        long lo = -1; // P[X > lo] > tail
        long hi = Math.max(1, (long) Math.ceil(mean + 4 * Math.sqrt(variance)));
        while (upperTail(hi + 1) > tail) {
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (upperTail(mid + 1) > tail) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** {@code -log10 P[X >= observed]}: 0 for a count at or below anything, 3 for a 1-in-1000 count; at most 300. */
    public double score(long observed) {
        double p = upperTail(observed);
        return p <= 1e-300 ? 300.0 : Math.max(0.0, -Math.log10(p));
    }
}
