package org.ccpulse.simulator.model;

import java.time.Instant;
import java.util.random.RandomGenerator;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.Outcome;
import org.ccpulse.schemas.event.Severity;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;

/**
 * The CRM: contacts of known customers sometimes open a ticket (an unresolved contact more
 * often a complaint); a few tickets come from a web form without a contact. A ticket's whole
 * lifecycle is written when it opens: OPENED, 0-3 UPDATED, RESOLVED after a log-normal time
 * around 60 % of its deadline (so some are late), sometimes REOPENED and RESOLVED again, then
 * CLOSED 1-7 days after the last resolution.
 */
public final class TicketDesk {
    static final double COMPLAINT_AFTER_RESOLVED = 0.03;
    static final double COMPLAINT_AFTER_UNRESOLVED = 0.10;
    static final double REOPEN_COMPLAINT = 0.12;
    static final double REOPEN_OTHER = 0.06;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private final RandomGenerator rng;
    private final Ids ids;
    private final ModelOutput out;

    public TicketDesk(RandomGenerator rng, Ids ids, ModelOutput out) {
        this.rng = rng;
        this.ids = ids;
        this.out = out;
    }

    /** Maybe opens a ticket for a contact that has just completed. */
    void afterContact(
            String contactId, Customer customer, Channel channel, QueueSpec queue, Outcome outcome, long completedAt) {
        if (customer == null) {
            return;
        }
        double complaint = outcome == Outcome.UNRESOLVED || outcome == Outcome.ESCALATED
                ? COMPLAINT_AFTER_UNRESOLVED
                : COMPLAINT_AFTER_RESOLVED;
        if (queue.name().equals("retention")) {
            complaint *= 2;
        }
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
            return;
        }
        open(customer, contactId, channel, category, queue, completedAt);
    }

    /** A ticket raised on the web, with no contact behind it. */
    void openStandalone(Customer customer, QueueSpec queue, long at) {
        TicketCategory category = switch (rng.nextInt(4)) {
            case 0 -> TicketCategory.COMPLAINT;
            case 1 -> TicketCategory.SERVICE_REQUEST;
            case 2 -> TicketCategory.SALES;
            default -> TicketCategory.INQUIRY;
        };
        open(customer, null, null, category, queue, at);
    }

    private void open(
            Customer customer, String contactId, Channel channel, TicketCategory category, QueueSpec queue, long at) {
        boolean complaint = category == TicketCategory.COMPLAINT;
        String cause = complaint ? Catalog.COMPLAINT_CAUSES.pick(rng) : null;
        String department = complaint ? Catalog.departmentForCause(cause) : Catalog.departmentFor(category, queue);
        Severity severity = (complaint ? Catalog.COMPLAINT_SEVERITY : Catalog.CASE_SEVERITY).pick(rng);
        String product = Draw.chance(rng, 0.85)
                ? queue.products().get(rng.nextInt(queue.products().size()))
                : null;
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
