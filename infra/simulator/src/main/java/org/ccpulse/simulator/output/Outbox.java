package org.ccpulse.simulator.output;

import java.util.PriorityQueue;

/**
 * Records waiting for their delivery time. The model dates records ahead (a call's COMPLETED,
 * a ticket's later lifecycle) and the mess delays some; the outbox hands them out in delivery
 * order (ties in insertion order) once the simulation clock has passed that time.
 */
public final class Outbox {
    private record Pending(long deliverAt, long seq, ProducedRecord record) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int byTime = Long.compare(deliverAt, o.deliverAt);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }
    }

    /** Receives a record together with its delivery time (epoch ms). */
    @FunctionalInterface
    public interface Delivery {
        void deliver(ProducedRecord record, long deliverAt) throws java.io.IOException;
    }

    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long seq;

    public void add(long deliverAt, ProducedRecord record) {
        pending.add(new Pending(deliverAt, seq++, record));
    }

    /**
     * Hands out, in delivery order, every record of something that happened at or before {@code time}, even if
     * the mess meant to deliver it later; records of what has not happened yet stay. How a stopping run delivers
     * what its world already did.
     */
    public void releaseHappenedBy(long time, Delivery delivery) throws java.io.IOException {
        PriorityQueue<Pending> later = new PriorityQueue<>();
        Pending p;
        while ((p = pending.poll()) != null) {
            if (p.record.eventTime().toEpochMilli() <= time) {
                delivery.deliver(p.record, p.deliverAt);
            } else {
                later.add(p);
            }
        }
        pending.addAll(later);
    }

    /** Hands out, in order, every record due at or before {@code time}. */
    public void releaseUntil(long time, Delivery delivery) throws java.io.IOException {
        while (!pending.isEmpty() && pending.peek().deliverAt <= time) {
            Pending p = pending.poll();
            delivery.deliver(p.record, p.deliverAt);
        }
    }
}
