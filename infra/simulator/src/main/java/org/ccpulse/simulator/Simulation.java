package org.ccpulse.simulator;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.ccpulse.simulator.mess.Mess;
import org.ccpulse.simulator.model.ArrivalCurve;
import org.ccpulse.simulator.model.ComplaintRhythm;
import org.ccpulse.simulator.model.ContactCenter;
import org.ccpulse.simulator.model.CustomerBase;
import org.ccpulse.simulator.model.Ids;
import org.ccpulse.simulator.model.Scheduler;
import org.ccpulse.simulator.model.Shop;
import org.ccpulse.simulator.model.TicketDesk;
import org.ccpulse.simulator.output.Outbox;
import org.ccpulse.simulator.output.ProducedRecord;
import org.ccpulse.simulator.output.RecordSink;
import org.ccpulse.simulator.output.RunSummary;

/**
 * One run: the model (contact center, ticket desk, shop) on a discrete-event clock, its events
 * through the {@link Mess} into the {@link Outbox}, and out to a sink in delivery order.
 * Deterministic for a given config: the only wall-clock inputs are the pacing of live mode and
 * the day used for FUTURE_TIMESTAMP bad records.
 */
public final class Simulation {
    private final SimulationConfig config;
    private final Scheduler scheduler;
    private final Outbox outbox = new Outbox();
    private final CustomerBase customers;
    private final ContactCenter center;
    private final RunSummary summary = new RunSummary();
    private final long emitFrom;
    private final long end;

    public Simulation(SimulationConfig config, Clock wallClock) {
        this.config = config;
        long start = config.start().toEpochMilli();
        this.end = config.days() == 0 ? Long.MAX_VALUE : config.end().toEpochMilli();
        this.emitFrom = config.emitFrom().toEpochMilli();
        this.scheduler = new Scheduler(start);
        SplittableRandom root = new SplittableRandom(config.seed());
        // Separate streams, so that e.g. changing a mess rate leaves the model's events unchanged.
        SplittableRandom customerRng = root.split();
        SplittableRandom centerRng = root.split();
        SplittableRandom shopRng = root.split();
        SplittableRandom messRng = root.split();
        // The ticket desk has its own stream, so the complaint rhythm does not change the contacts; injected
        // complaint surges have theirs (model and mess, ids <run>-surge-...), so they change nothing else.
        SplittableRandom deskRng = root.split();
        SplittableRandom surgeRng = root.split();
        SplittableRandom surgeMessRng = surgeRng.split();
        Ids ids = new Ids(config.runId());
        Mess mess = new Mess(config.mess(), messRng, wallClock, config.runId(), outbox, emitFrom, end);
        String surgeRun = config.runId() + "-surge";
        Mess surgeMess = new Mess(config.mess(), surgeMessRng, wallClock, surgeRun, outbox, emitFrom, end);
        this.customers = CustomerBase.create(
                config.customers(), customerRng, start, config.days() == 0 ? start + 365L * 86_400_000 : end);
        TicketDesk desk = new TicketDesk(
                deskRng,
                ids,
                mess,
                new ComplaintRhythm(config.zone(), config.billingMonthStart()),
                config.complaintSurges(),
                surgeRng,
                new Ids(surgeRun),
                surgeMess);
        this.center =
                new ContactCenter(scheduler, centerRng, ids, mess, customers, desk, config.zone(), config.agents());
        new Shop(scheduler, shopRng, ids, mess, new ArrivalCurve(config.zone()), end).open(customers, start);
        scheduleDay(config.startDate());
    }

    private void scheduleDay(LocalDate date) {
        long dayStart = date.atStartOfDay(config.zone()).toInstant().toEpochMilli();
        if (dayStart >= end) {
            return;
        }
        scheduler.at(dayStart, () -> {
            center.startDay(date);
            scheduleDay(date.plusDays(1));
        });
    }

    public CustomerBase customers() {
        return customers;
    }

    public RunSummary summary() {
        return summary;
    }

    /** Runs to the end of the period (or until {@code stop}) as fast as possible. */
    public void run(RecordSink sink, BooleanSupplier stop) throws IOException {
        run(sink, stop, null);
    }

    /**
     * Runs to the end of the period, or until {@code stop} says so; with a pacer, each record
     * waits for its wall-clock moment. At the natural end, records still held back (late ones)
     * are delivered; records dated at or after the end never enter the outbox.
     */
    public void run(RecordSink sink, BooleanSupplier stop, Pacer pacer) throws IOException {
        Outbox.Delivery delivery = (record, deliverAt) -> deliver(record, deliverAt, sink, pacer);
        while (!stop.getAsBoolean()) {
            long next = scheduler.nextTime();
            if (next >= end) {
                outbox.releaseUntil(Long.MAX_VALUE, delivery);
                return;
            }
            outbox.releaseUntil(next, delivery);
            scheduler.runNext();
        }
    }

    /**
     * How far ahead a stopping run still sends what its world will do: longer than the longest routing delay
     * (90 s), so a contact an agent has already taken gets its ANSWERED rather than waiting for ever.
     */
    public static final long CLOSING_HORIZON_MS = 120_000;

    /**
     * Ends a stopped live run as a closing center would: contacts still waiting hang up now, and every record of
     * what happens up to {@link #CLOSING_HORIZON_MS} from now is sent at once (also those the mess meant to send
     * later). What happens after that (the end of a long call in progress) is not sent.
     */
    public void closeDoors(RecordSink sink) throws IOException {
        center.closeDoors();
        outbox.releaseHappenedBy(
                scheduler.now() + CLOSING_HORIZON_MS, (record, deliverAt) -> deliver(record, deliverAt, sink, null));
    }

    private void deliver(ProducedRecord r, long deliverAt, RecordSink sink, Pacer pacer) throws IOException {
        if (pacer != null) {
            try {
                pacer.awaitSimTime(deliverAt);
            } catch (InterruptedException e) {
                // Stopped while this record waited for its moment. It has left the outbox, so it goes now (what
                // follows it goes at once too, with closeDoors): dropped, it could be the ANSWERED of a contact,
                // which a resumed job would then count as waiting for ever.
                send(r, sink);
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("stopped while pacing");
            }
        }
        send(r, sink);
    }

    private void send(ProducedRecord r, RecordSink sink) throws IOException {
        sink.accept(r);
        summary.count(r);
    }
}
