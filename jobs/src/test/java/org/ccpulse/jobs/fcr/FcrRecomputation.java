package org.ccpulse.jobs.fcr;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Outcome;

/**
 * First-contact resolution recomputed the plain way, straight from METRICS.md, over the whole input at
 * once, to check the job against: drop repeated event_ids, keep inbound contacts of known customers
 * that are not transfer legs, and for each completed one and window look for the customer's other
 * contacts started in (completed, completed + W]. Whether a contact without repeat is settled depends
 * only on how far event time got, so each outcome carries the event time at which it closes.
 */
final class FcrRecomputation {

    private static final long REPEAT_END_WAIT_MS = FcrConfig.REPEAT_END_WAIT.toMillis();

    /** What the input says of one contact. */
    private static final class Contact {
        final String id;
        final String customer;
        Long startedAt;
        String startQueue;
        String startChannel;
        ContactEvent completed;
        Long abandonedAt;

        Contact(String id, String customer) {
            this.id = id;
            this.customer = customer;
        }

        /** The end's ts: COMPLETED, else ABANDONED, else null. */
        Long endedAt() {
            return completed != null ? Long.valueOf(completed.ts().toEpochMilli()) : abandonedAt;
        }

        String reason() {
            return completed == null || completed.reason() == null ? "" : completed.reason();
        }
    }

    /**
     * One eligible contact in one window: its attribution, its first repeat (null when it has none) and
     * the event time from which, without repeat, it is settled resolved.
     */
    record Expected(
            String contactId,
            String window,
            LocalDate businessDate,
            String queue,
            String channel,
            String team,
            String agentId,
            String reason,
            boolean agentResolved,
            String repeatContactId,
            Long repeatStartedAtMs,
            long closesAtMs) {

        /** The status with event time at {@code watermark} (never the end of input: nothing settles then). */
        String statusAt(long watermark) {
            if (repeatContactId != null) {
                return FcrOutcomeRow.REPEAT;
            }
            return watermark >= closesAtMs ? FcrOutcomeRow.RESOLVED : FcrOutcomeRow.PENDING;
        }
    }

    /** A first contact and its first repeat, as fcr_repeat_contacts holds them once every record is in. */
    record Pair(
            String firstContactId, String repeatContactId, String repeatReason, int version, boolean channelChanged) {}

    /**
     * Everything expected, keyed "contact|window" and "first|repeat"; a pair is written once event time
     * reaches {@code pairsCertainAtMs} (its repeat's start plus the allowed lateness).
     */
    record Figures(
            Map<String, Expected> outcomes,
            Map<String, Pair> pairs,
            Map<String, Long> pairsCertainAtMs,
            long lastEventMs) {}

    private FcrRecomputation() {}

    static Figures of(List<ContactEvent> events, FcrConfig config) {
        Set<String> seen = new HashSet<>();
        Map<String, Contact> contacts = new LinkedHashMap<>();
        long last = Long.MIN_VALUE;
        for (ContactEvent e : events) {
            last = Math.max(last, e.ts().toEpochMilli());
            if (!seen.add(e.eventId())
                    || e.direction() != Direction.INBOUND
                    || e.customerId() == null
                    || e.parentContactId() != null) {
                continue;
            }
            Contact c = contacts.computeIfAbsent(e.contactId(), id -> new Contact(id, e.customerId()));
            long ts = e.ts().toEpochMilli();
            switch (e.type()) {
                case QUEUED -> {
                    if (c.startedAt == null || ts < c.startedAt) {
                        c.startedAt = ts;
                        c.startQueue = e.queue();
                        c.startChannel = e.channel().wire();
                    }
                }
                case COMPLETED -> {
                    if (c.completed == null) {
                        c.completed = e;
                    }
                }
                case ABANDONED -> {
                    if (c.abandonedAt == null) {
                        c.abandonedAt = ts;
                    }
                }
                default -> {}
            }
        }
        Map<String, List<Contact>> startsByCustomer = new TreeMap<>();
        for (Contact c : contacts.values()) {
            if (c.startedAt != null) {
                startsByCustomer
                        .computeIfAbsent(c.customer, k -> new ArrayList<>())
                        .add(c);
            }
        }
        startsByCustomer
                .values()
                .forEach(l -> l.sort(
                        Comparator.comparingLong((Contact c) -> c.startedAt).thenComparing(c -> c.id)));

        long lateness = config.allowedLateness().toMillis();
        long longest =
                config.windows().stream().mapToLong(FcrWindow::lengthMs).max().orElseThrow();
        Map<String, Expected> outcomes = new TreeMap<>();
        Map<String, Pair> pairs = new TreeMap<>();
        Map<String, Long> certainAt = new TreeMap<>();
        for (Contact c : contacts.values()) {
            if (c.completed == null) {
                continue;
            }
            long done = c.completed.ts().toEpochMilli();
            List<Contact> starts = startsByCustomer.getOrDefault(c.customer, List.of());
            for (FcrWindow w : config.windows()) {
                long end = done + w.lengthMs();
                Contact repeat = null;
                long closes = end;
                for (Contact r : starts) {
                    if (r.id.equals(c.id) || r.startedAt <= done || r.startedAt > end) {
                        continue;
                    }
                    long deadline = Math.max(end, r.startedAt + REPEAT_END_WAIT_MS);
                    boolean counts = !w.sameIssue()
                            || (r.completed != null
                                    && r.completed.ts().toEpochMilli() <= deadline
                                    && !c.reason().isEmpty()
                                    && !r.reason().isEmpty()
                                    && FcrRules.issue(c.reason()).equals(FcrRules.issue(r.reason())));
                    if (counts && repeat == null) {
                        repeat = r;
                    }
                    if (w.sameIssue()) {
                        Long ended = r.endedAt();
                        closes = Math.max(closes, ended != null && ended <= deadline ? ended : deadline);
                    }
                }
                ContactEvent e = c.completed;
                outcomes.put(
                        c.id + "|" + w.label(),
                        new Expected(
                                c.id,
                                w.label(),
                                e.ts().atZone(config.businessZone()).toLocalDate(),
                                e.queue(),
                                e.channel().wire(),
                                e.team() == null ? "" : e.team(),
                                e.agentId() == null ? "" : e.agentId(),
                                c.reason(),
                                e.outcome() == Outcome.RESOLVED,
                                repeat == null ? null : repeat.id,
                                repeat == null ? null : repeat.startedAt,
                                closes + lateness));
            }
            for (Contact r : starts) {
                if (!r.id.equals(c.id) && r.startedAt > done && r.startedAt <= done + longest) {
                    Long ended = r.endedAt();
                    boolean known = ended != null && ended <= r.startedAt + REPEAT_END_WAIT_MS;
                    pairs.put(
                            c.id + "|" + r.id,
                            new Pair(
                                    c.id,
                                    r.id,
                                    known ? r.reason() : "",
                                    known ? 1 : 0,
                                    !r.startChannel.equals(c.completed.channel().wire())));
                    certainAt.put(c.id + "|" + r.id, r.startedAt + lateness);
                    break;
                }
            }
        }
        return new Figures(outcomes, pairs, certainAt, last);
    }
}
