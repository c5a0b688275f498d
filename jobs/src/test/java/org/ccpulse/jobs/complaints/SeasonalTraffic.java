package org.ccpulse.jobs.complaints;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Seasonal Poisson complaint traffic of one cause: a rate per local hour of the week, scaled by the
 * cause's weekday peak. Weekdays open 08-20 with a late-morning peak (Monday busier, Friday quieter),
 * a short Saturday, a thin Sunday, nights at 3 % of the peak: not a product of a day level and one
 * hour-of-day profile, so the baseline's pooling is tested against a shape it cannot represent exactly.
 */
final class SeasonalTraffic {

    private static final double[] WEEKDAY = {
        .03, .03, .03, .03, .03, .03, .05, .3, .7, .9, 1, 1, .8, .9, 1, .9, .8, .6, .45, .35, .25, .1, .06, .04
    };
    private static final double[] SATURDAY = {
        .03, .03, .03, .03, .03, .03, .03, .05, .1, .3, .4, .4, .35, .3, .25, .15, .08, .05, .04, .04, .03, .03, .03,
        .03
    };
    private static final double[] SUNDAY = {
        .03, .03, .03, .03, .03, .03, .03, .03, .05, .08, .15, .15, .15, .15, .15, .15, .15, .15, .1, .05, .04, .03,
        .03, .03
    };

    private final double peak;
    private final RandomGenerator rng;

    SeasonalTraffic(double peak, long seed) {
        this.peak = peak;
        this.rng = new Well19937c(seed);
    }

    double peak() {
        return peak;
    }

    /** The true mean count of the local hour starting at {@code local}. */
    double rate(ZonedDateTime local) {
        int h = local.getHour();
        DayOfWeek d = local.getDayOfWeek();
        double shape = switch (d) {
            case SATURDAY -> SATURDAY[h];
            case SUNDAY -> SUNDAY[h];
            case MONDAY -> WEEKDAY[h] * 1.15;
            case FRIDAY -> WEEKDAY[h] * 0.9;
            default -> WEEKDAY[h];
        };
        return peak * shape;
    }

    /** A Poisson count with mean {@code mean}. */
    long sample(double mean) {
        return new PoissonDistribution(
                        rng, mean, PoissonDistribution.DEFAULT_EPSILON, PoissonDistribution.DEFAULT_MAX_ITERATIONS)
                .sample();
    }

    /** {@code n} arrival minutes (0 <= m < 60) in a Poisson hour, sorted: uniform order statistics. */
    double[] arrivalMinutes(long n) {
        double[] minutes = new double[(int) n];
        for (int i = 0; i < n; i++) {
            minutes[i] = rng.nextDouble() * 60;
        }
        java.util.Arrays.sort(minutes);
        return minutes;
    }
}
