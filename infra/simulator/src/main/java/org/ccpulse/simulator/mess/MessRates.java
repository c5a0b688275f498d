package org.ccpulse.simulator.mess;

import java.util.EnumMap;
import java.util.Map;
import org.ccpulse.schemas.parse.Problem;

/**
 * How messy the delivery is. Each rate is a fraction of the model's (good) events:
 * {@code outOfOrder} are held back 1-30 s, {@code late} 2 min to 6 h, {@code duplicate} are
 * delivered a second time with identical bytes, and for every {@link Problem} that share of
 * extra bad records is injected next to good ones.
 */
public record MessRates(double outOfOrder, double late, double duplicate, Map<Problem, Double> bad) {

    public MessRates {
        bad = Map.copyOf(bad);
    }

    public static MessRates none() {
        return new MessRates(0, 0, 0, Map.of());
    }

    public double badRate(Problem problem) {
        return bad.getOrDefault(problem, 0.0);
    }

    /** The same rates with {@code rate} for every kind of bad record. */
    public MessRates withAllBad(double rate) {
        Map<Problem, Double> all = new EnumMap<>(Problem.class);
        for (Problem p : Problem.parserRules()) {
            all.put(p, rate);
        }
        return new MessRates(outOfOrder, late, duplicate, all);
    }
}
