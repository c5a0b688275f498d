package org.ccpulse.simulator.model;

import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.Outcome;
import org.ccpulse.schemas.event.Severity;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;

/**
 * The CRM: contacts of known customers sometimes open a ticket (an unresolved contact more
 * often a complaint, each cause with its own daily and weekly rhythm, {@link ComplaintRhythm},
 * and surges of a cause when injected, {@link ComplaintSurge}); a few tickets come from a web
 * form without a contact. A ticket's whole
 * lifecycle is written when it opens: OPENED, 0-3 UPDATED, RESOLVED after a log-normal time
 * around 60 % of its deadline (so some are late), sometimes REOPENED and RESOLVED again, then
 * CLOSED 1-7 days after the last resolution.
 */
public final class TicketDesk {
    static final double COMPLAINT_AFTER_RESOLVED = 0.03;
    static final double COMPLAINT_AFTER_UNRESOLVED = 0.10;
    static final double REOPEN_COMPLAINT = 0.12;
    static final double REOPEN_OTHER = 0.06;
    /** Share of web tickets that are complaints (one category of four). */
    static final double WEB_COMPLAINT = 0.25;

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private final RandomGenerator rng;
    private final Ids ids;
    private final ModelOutput out;
    private final ComplaintRhythm rhythm;
    private final List<ComplaintSurge> surges;
    private final int[] surgeCause;
    private final RandomGenerator surgeRng;
    private final Ids surgeIds;
    private final ModelOutput surgeOut;

    /** A desk without surges. */
    public TicketDesk(RandomGenerator rng, Ids ids, ModelOutput out, ComplaintRhythm rhythm) {
        this(rng, ids, out, rhythm, List.of(), null, null, null);
    }

    /**
     * @param surges   complaint surges to inject; their extra complaints draw from {@code surgeRng}, take ids
     *                 from {@code surgeIds} and go out through {@code surgeOut}, so that the desk's other tickets
     *                 (and everything drawn after them) are the same as without surges
     */
    public TicketDesk(
            RandomGenerator rng,
            Ids ids,
            ModelOutput out,
            ComplaintRhythm rhythm,
            List<ComplaintSurge> surges,
            RandomGenerator surgeRng,
            Ids surgeIds,
            ModelOutput surgeOut) {
        this.rng = rng;
        this.ids = ids;
        this.out = out;
        this.rhythm = rhythm;
        this.surges = List.copyOf(surges);
        this.surgeCause = this.surges.stream()
                .mapToInt(s -> ComplaintRhythm.indexOf(s.cause()))
                .toArray();
        this.surgeRng = surgeRng;
        this.surgeIds = surgeIds;
        this.surgeOut = surgeOut;
        if (!this.surges.isEmpty() && (surgeRng == null || surgeIds == null || surgeOut == null)) {
            throw new IllegalArgumentException("surges need their own random stream, ids and output");
        }
    }

    /**
     * Maybe opens a ticket for a contact that has just completed. A complaint's probability is the contact's
     * (by outcome and queue) times {@link ComplaintRhythm#total} at that time, and its cause is picked by the
     * causes' rates then; a surge of a cause adds (factor - 1) times that cause's expected complaints.
     */
    void afterContact(
            String contactId, Customer customer, Channel channel, QueueSpec queue, Outcome outcome, long completedAt) {
        if (customer == null) {
            return;
        }
        double perContact = outcome == Outcome.UNRESOLVED || outcome == Outcome.ESCALATED
                ? COMPLAINT_AFTER_UNRESOLVED
                : COMPLAINT_AFTER_RESOLVED;
        if (queue.name().equals("retention")) {
            perContact *= 2;
        }
        double complaint = perContact * rhythm.total(completedAt);
        double serviceRequest = queue.name().equals("technical") || queue.name().equals("general") ? 0.06 : 0.03;
        double sales = queue.name().equals("sales") ? 0.10 : 0.01;
        double inquiry = 0.03;
        double u = rng.nextDouble();
        TicketCategory category;
        if (u < complaint) {
            category = TicketCategory.COMPLAINT;
        } else if (u < complaint + serviceRequest) {
            category = TicketCategory.SERVICE_REQUEST;
        } else if (u < complaint + serviceRequest + sales) {
            category = TicketCategory.SALES;
        } else if (u < complaint + serviceRequest + sales + inquiry) {
            category = TicketCategory.INQUIRY;
        } else {
            category = null;
        }
        if (category != null) {
            String cause = category == TicketCategory.COMPLAINT ? causeAt(completedAt) : null;
            open(rng, ids, out, customer, contactId, channel, category, cause, queue, completedAt);
        }
        surge(customer, contactId, channel, queue, completedAt, perContact);
    }

    /** A ticket raised on the web, with no contact behind it. */
    void openStandalone(Customer customer, QueueSpec queue, long at) {
        TicketCategory category = switch (rng.nextInt(4)) {
            case 0 -> TicketCategory.COMPLAINT;
            case 1 -> TicketCategory.SERVICE_REQUEST;
            case 2 -> TicketCategory.SALES;
            default -> TicketCategory.INQUIRY;
        };
        String cause = category == TicketCategory.COMPLAINT ? causeAt(at) : null;
        open(rng, ids, out, customer, null, null, category, cause, queue, at);
        surge(customer, null, null, queue, at, WEB_COMPLAINT / rhythm.total(at));
    }

    private String causeAt(long at) {
        return ComplaintRhythm.code(rhythm.pick(rng, at));
    }

    /**
     * The extra complaints of the surges running at {@code at}: Poisson with mean (factor - 1) × the cause's
     * expected complaints here, {@code perUnitRate} × its rate. Draws only from the surge stream.
     */
    private void surge(
            Customer customer, String contactId, Channel channel, QueueSpec queue, long at, double perUnitRate) {
        for (int i = 0; i < surgeCause.length; i++) {
            ComplaintSurge s = surges.get(i);
            if (!s.covers(at)) {
                continue;
            }
            double mean = (s.factor() - 1) * perUnitRate * rhythm.rate(surgeCause[i], at);
            for (int n = Draw.poisson(surgeRng, mean); n > 0; n--) {
                open(
                        surgeRng,
                        surgeIds,
                        surgeOut,
                        customer,
                        contactId,
                        channel,
                        TicketCategory.COMPLAINT,
                        s.cause(),
                        queue,
                        at);
            }
        }
    }

    private static void open(
            RandomGenerator rng,
            Ids ids,
            ModelOutput out,
            Customer customer,
            String contactId,
            Channel channel,
            TicketCategory category,
            String cause,
            QueueSpec queue,
            long at) {
        boolean complaint = category == TicketCategory.COMPLAINT;
        String department = complaint ? Catalog.departmentForCause(cause) : Catalog.departmentFor(category, queue);
        Severity severity = (complaint ? Catalog.COMPLAINT_SEVERITY : Catalog.CASE_SEVERITY).pick(rng);
        List<String> products = complaint ? Catalog.productsForComplaint(cause, queue) : queue.products();
        String product = Draw.chance(rng, 0.85) ? products.get(rng.nextInt(products.size())) : null;
        long sla = (long) (Catalog.slaHours(severity) * HOUR);
        long opened = at + 5_000 + rng.nextLong(115_000);
        Instant due = Instant.ofEpochMilli(opened + sla);
        String ticketId = ids.ticket();
        TicketFactory lifecycle = (type, ts) -> new Ticket(
                ids.event(),
                ticketId,
                type,
                Instant.ofEpochMilli(ts),
                customer.id(),
                contactId,
                channel,
                category,
                cause,
                product,
                department,
                severity,
                due);
        out.ticket(lifecycle.at(TicketType.OPENED, opened));
        long toResolve = clamp((long) Draw.logNormal(rng, 0.6 * sla, 0.8), 10 * MINUTE, 60 * DAY);
        for (int i = rng.nextInt(4); i > 0; i--) {
            out.ticket(lifecycle.at(TicketType.UPDATED, opened + (long) (rng.nextDouble() * toResolve)));
        }
        long resolved = opened + toResolve;
        out.ticket(lifecycle.at(TicketType.RESOLVED, resolved));
        if (Draw.chance(rng, complaint ? REOPEN_COMPLAINT : REOPEN_OTHER)) {
            long reopened = resolved + clamp((long) Draw.logNormal(rng, DAY, 0.8), HOUR, 20 * DAY);
            out.ticket(lifecycle.at(TicketType.REOPENED, reopened));
            resolved = reopened + clamp((long) Draw.logNormal(rng, 0.4 * sla, 0.8), 10 * MINUTE, 30 * DAY);
            out.ticket(lifecycle.at(TicketType.RESOLVED, resolved));
        }
        out.ticket(lifecycle.at(TicketType.CLOSED, resolved + DAY + rng.nextLong(6 * DAY)));
    }

    private static long clamp(long v, long low, long high) {
        return Math.max(low, Math.min(high, v));
    }

    @FunctionalInterface
    private interface TicketFactory {
        Ticket at(TicketType type, long ts);
    }
}
