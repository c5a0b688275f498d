package org.ccpulse.simulator.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/** A fixed set of choices with relative weights; picks in O(log n). */
public final class Weighted<T> {
    private final List<T> items;
    private final double[] cumulative;

    private Weighted(List<T> items, double[] weights) {
        this.items = List.copyOf(items);
        this.cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    public T pick(RandomGenerator rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        return items.get(Math.min(i >= 0 ? i + 1 : -i - 1, items.size() - 1));
    }

    public static <T> Weighted<T> of(List<T> items, java.util.function.ToDoubleFunction<T> weight) {
        return new Weighted<>(items, items.stream().mapToDouble(weight).toArray());
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public static final class Builder<T> {
        private final List<T> items = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        public Builder<T> add(T item, double weight) {
            items.add(item);
            weights.add(weight);
            return this;
        }

        public Weighted<T> build() {
            return new Weighted<>(
                    items, weights.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
