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

    /** Hands out, in order, every record due at or before {@code time}. */
    public void releaseUntil(long time, Delivery delivery) throws java.io.IOException {
        while (!pending.isEmpty() && pending.peek().deliverAt <= time) {
            Pending p = pending.poll();
            delivery.deliver(p.record, p.deliverAt);
        }
    }
}
