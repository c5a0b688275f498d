package org.ccpulse.simulator.model;

import java.util.random.RandomGenerator;

/** The few distributions the model draws from. */
public final class Draw {
    private Draw() {}

    /** Log-normal given its median and the standard deviation of its logarithm. */
    public static double logNormal(RandomGenerator rng, double median, double sigma) {
        return median * Math.exp(sigma * rng.nextGaussian());
    }

    /** Mean of a log-normal with this median and sigma. */
    public static double logNormalMean(double median, double sigma) {
        return median * Math.exp(sigma * sigma / 2);
    }

    public static double exponential(RandomGenerator rng, double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }

    /** Poisson with this mean (Knuth's product of uniforms: for the small means the model needs). */
    public static int poisson(RandomGenerator rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= rng.nextDouble();
            n++;
        }
        return n;
    }

    public static boolean chance(RandomGenerator rng, double p) {
        return rng.nextDouble() < p;
    }

    /** Uniform between {@code low} and {@code high}, on a log scale (minutes to hours alike). */
    public static double logUniform(RandomGenerator rng, double low, double high) {
        return low * Math.exp(rng.nextDouble() * Math.log(high / low));
    }

    /** Rounds seconds to whole seconds, as ACDs report them. */
    public static double wholeSeconds(double seconds) {
        return Math.max(0, Math.rint(seconds));
    }
}
