package org.ccpulse.simulator.output;

import java.util.EnumMap;
import java.util.Map;
import org.ccpulse.schemas.parse.Problem;

/** Counts of what a run delivered: per topic, per defect, per kind of delivery. */
public final class RunSummary {
    private final Map<InputTopic, Long> perTopic = new EnumMap<>(InputTopic.class);
    private final Map<Problem, Long> perProblem = new EnumMap<>(Problem.class);
    private final Map<Delivery, Long> perDelivery = new EnumMap<>(Delivery.class);
    private long total;

    public void count(ProducedRecord r) {
        total++;
        perTopic.merge(r.topic(), 1L, Long::sum);
        perDelivery.merge(r.delivery(), 1L, Long::sum);
        if (r.bad()) {
            perProblem.merge(r.defect().problem(), 1L, Long::sum);
        }
    }

    public long total() {
        return total;
    }

    public long topic(InputTopic t) {
        return perTopic.getOrDefault(t, 0L);
    }

    public long problem(Problem p) {
        return perProblem.getOrDefault(p, 0L);
    }

    public long delivery(Delivery d) {
        return perDelivery.getOrDefault(d, 0L);
    }

    /** A few lines for the console. */
    public String render(double seconds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "records: %,d in %.1f s (%,.0f records/s)%n", total, seconds, total / Math.max(seconds, 1e-9)));
        for (InputTopic t : InputTopic.values()) {
            s.append(String.format("  %-15s %,12d%n", t.defaultName(), topic(t)));
        }
        s.append("delivery:\n");
        for (Delivery d : Delivery.values()) {
            s.append(String.format("  %-15s %,12d%n", d.name().toLowerCase(java.util.Locale.ROOT), delivery(d)));
        }
        s.append("bad records:\n");
        for (Problem p : Problem.parserRules()) {
            s.append(String.format("  %-18s %,9d%n", p.name(), problem(p)));
        }
        return s.toString();
    }
}
