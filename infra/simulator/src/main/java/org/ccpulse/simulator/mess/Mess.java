package org.ccpulse.simulator.mess;

import java.time.Clock;
import java.util.random.RandomGenerator;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.wire.WireWriter;
import org.ccpulse.simulator.model.Draw;
import org.ccpulse.simulator.model.ModelOutput;
import org.ccpulse.simulator.output.Delivery;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.Outbox;
import org.ccpulse.simulator.output.ProducedRecord;

/**
 * Between the model and the topics: writes each model event as a record and delivers it the
 * way real systems do, at the configured {@link MessRates}: some held back a little (out of
 * order) or a lot (late), some delivered twice, and bad records planted next to good ones.
 *
 * <p>It draws from its own random generator, so the good records do not depend on the rates.
 * A bad record needs a host of the right kind (a negative duration needs a COMPLETED contact):
 * each record draws, per problem, whether one is due, and the next suitable record hosts it.
 */
public final class Mess implements ModelOutput {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final Problem[] PROBLEMS = Problem.parserRules().toArray(Problem[]::new);

    private final long emitFrom;
    private final long end;
    private final MessRates rates;
    private final RandomGenerator rng;
    private final BadRecords badRecords;
    private final Outbox outbox;
    private final WireWriter writer = new WireWriter();
    private final double[] badRates = new double[PROBLEMS.length];
    private final int[] due = new int[PROBLEMS.length];

    /** Events dated outside [{@code emitFrom}, {@code end}) are simulated but never delivered. */
    public Mess(
            MessRates rates,
            RandomGenerator rng,
            Clock wallClock,
            String runId,
            Outbox outbox,
            long emitFrom,
            long end) {
        this.emitFrom = emitFrom;
        this.end = end;
        this.rates = rates;
        this.rng = rng;
        this.badRecords = new BadRecords(wallClock, rng, runId);
        this.outbox = outbox;
        for (Problem p : PROBLEMS) {
            badRates[p.ordinal()] = rates.badRate(p);
        }
    }

    @Override
    public void contact(ContactEvent e) {
        deliver(
                new ProducedRecord(
                        InputTopic.CONTACT_EVENTS, e.contactId(), writer.write(e), null, e.ts(), Delivery.ON_TIME),
                RecordShape.of(e));
    }

    @Override
    public void ticket(Ticket t) {
        deliver(
                new ProducedRecord(InputTopic.TICKETS, t.ticketId(), writer.write(t), null, t.ts(), Delivery.ON_TIME),
                RecordShape.of(t));
    }

    @Override
    public void order(Order o) {
        deliver(
                new ProducedRecord(InputTopic.ORDERS, o.customerId(), writer.write(o), null, o.ts(), Delivery.ON_TIME),
                RecordShape.of(o));
    }

    /** Skips events outside the emitted window before any draw, so rates apply to what is delivered. */
    private void deliver(ProducedRecord good, RecordShape shape) {
        long eventTime = good.eventTime().toEpochMilli();
        if (eventTime < emitFrom || eventTime >= end) {
            return;
        }
        long deliverAt = eventTime;
        ProducedRecord first = good;
        double u = rng.nextDouble();
        if (u < rates.late()) {
            deliverAt += (long) Draw.logUniform(rng, 2 * MINUTE, 6 * HOUR);
            first = good.deliveredAs(Delivery.LATE);
        } else if (u < rates.late() + rates.outOfOrder()) {
            deliverAt += SECOND + rng.nextLong(29 * SECOND);
            first = good.deliveredAs(Delivery.OUT_OF_ORDER);
        }
        outbox.add(deliverAt, first);
        if (Draw.chance(rng, rates.duplicate())) {
            outbox.add(deliverAt + SECOND + rng.nextLong(10 * MINUTE), good.deliveredAs(Delivery.REDELIVERED));
        }
        plantBadRecord(good, shape, eventTime);
    }

    private void plantBadRecord(ProducedRecord host, RecordShape shape, long eventTime) {
        for (Problem p : PROBLEMS) {
            if (badRates[p.ordinal()] > 0 && Draw.chance(rng, badRates[p.ordinal()])) {
                due[p.ordinal()]++;
            }
        }
        // Start at a random problem so that none is favoured when several are due.
        int first = rng.nextInt(PROBLEMS.length);
        for (int i = 0; i < PROBLEMS.length; i++) {
            Problem p = PROBLEMS[(first + i) % PROBLEMS.length];
            if (due[p.ordinal()] > 0 && BadRecords.applicable(p, shape)) {
                due[p.ordinal()]--;
                BadRecords.Bad bad = badRecords.make(p, host.value(), shape);
                outbox.add(
                        eventTime + rng.nextLong(5 * SECOND),
                        new ProducedRecord(
                                host.topic(),
                                host.key(),
                                bad.value(),
                                bad.defect(),
                                host.eventTime(),
                                Delivery.ON_TIME));
                return;
            }
        }
    }
}
