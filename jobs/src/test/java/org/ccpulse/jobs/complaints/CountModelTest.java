package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/** The count distributions against commons-math3's own Poisson and (integer-size) Pascal distributions. */
class CountModelTest {

    @Test
    void poissonTailsAndQuantilesAreCommonsMaths() {
        for (double mean : new double[] {0.01, 0.3, 1, 4.5, 10, 40, 250}) {
            CountModel m = new CountModel(mean, mean);
            PoissonDistribution p = new PoissonDistribution(mean);
            assertThat(m.isPoisson()).isTrue();
            for (double q : new double[] {0.5, 0.9, 0.99, 0.999, 0.9999}) {
                assertThat(m.quantile(q))
                        .as("q%s of Poisson(%s)", q, mean)
                        .isEqualTo(p.inverseCumulativeProbability(q));
            }
            for (int k = 1; k < 3 * mean + 10; k++) {
                assertThat(m.upperTail(k)).isCloseTo(1 - p.cumulativeProbability(k - 1), within(1e-9));
            }
        }
    }

    @Test
    void negativeBinomialWithIntegerSizeIsPascal() {
        for (int r : new int[] {1, 3, 10}) {
            for (double mean : new double[] {0.5, 5, 30}) {
                CountModel m = new CountModel(mean, mean + mean * mean / r);
                assertThat(m.size()).isCloseTo(r, within(1e-9));
                // Pascal(r, p) counts failures before the r-th success: mean r (1 - p) / p.
                PascalDistribution pascal = new PascalDistribution(r, r / (r + mean));
                for (double q : new double[] {0.5, 0.9, 0.999}) {
                    assertThat(m.quantile(q)).isEqualTo(pascal.inverseCumulativeProbability(q));
                }
                for (int k = 1; k < 5 * mean + 10; k++) {
                    assertThat(m.upperTail(k)).isCloseTo(1 - pascal.cumulativeProbability(k - 1), within(1e-9));
                }
            }
        }
    }

    @Test
    void overDispersionWidensTheBoundAndScoresAreTailLogs() {
        CountModel poisson = new CountModel(10, 10);
        CountModel nb = new CountModel(10, 25);
        assertThat(nb.quantile(0.999)).isGreaterThan(poisson.quantile(0.999));
        assertThat(poisson.score(0)).isZero();
        assertThat(poisson.score(22)).isCloseTo(-Math.log10(poisson.upperTail(22)), within(1e-12));
        assertThat(poisson.score(10_000)).isEqualTo(300.0);
    }
}
