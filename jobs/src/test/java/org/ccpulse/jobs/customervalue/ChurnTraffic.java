package org.ccpulse.jobs.customervalue;

import static org.ccpulse.jobs.customervalue.ChurnFixtures.DAY;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.EscalationReason;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;
import org.ccpulse.schemas.event.Tier;

/**
 * Random customers for the pipeline test: purchases (as the RFM tracker's figures after each), complaints (a
 * complaint ticket resolved an hour later) and contacts (each completed ten minutes after it started), all before
 * {@link #end}; and what the churn alerts of them are by a plain recomputation of METRICS.md's rules, without Flink.
 */
final class ChurnTraffic {

    static final long HOUR = 3_600_000L;
    static final long TICKET_OPEN = HOUR;
    static final long CONTACT_LENGTH = 10 * 60_000L;

    /** An alert as the recomputation sees it: when it opened and resolved (NONE if not), its tier and every reason. */
    record Alert(String customer, long openedAtMs, long resolvedAtMs, Tier tier, TreeSet<EscalationReason> reasons) {}

    final long start;
    final long end;
    final TierCutPoints cuts;
    final List<CustomerFigures> figures = new ArrayList<>();
    final List<Ticket> tickets = new ArrayList<>();
    final List<ContactEvent> contacts = new ArrayList<>();
    private final Map<String, List<Long>> purchases = new LinkedHashMap<>();
    private final Map<String, List<Long>> complaints = new HashMap<>();
    private final Map<String, List<Long>> contactStarts = new HashMap<>();

    ChurnTraffic(long seed, int customers, long start) {
        this.start = start;
        this.end = start + 800 * DAY;
        this.cuts = new TierCutPoints(
                start, customers, new BigDecimal("2000"), new BigDecimal("800"), new BigDecimal("300"));
        Random random = new Random(seed);
        for (int c = 0; c < customers; c++) {
            String customer = "cu-" + c;
            List<long[]> bought = new ArrayList<>(); // ts, cents
            int n = 1 + random.nextInt(5);
            for (int i = 0; i < n; i++) {
                bought.add(
                        new long[] {start + (long) (random.nextDouble() * 700 * DAY), 10_000 + random.nextInt(80_000)});
            }
            bought.sort(Comparator.comparingLong(b -> b[0]));
            purchases.put(customer, bought.stream().map(b -> b[0]).toList());
            for (long[] b : bought) {
                int f = 0;
                long cents = 0;
                for (long[] o : bought) {
                    if (o[0] <= b[0] && o[0] > b[0] - 365 * DAY) {
                        f++;
                        cents += o[1];
                    }
                }
                figures.add(new CustomerFigures(customer, f, BigDecimal.valueOf(cents, 2), b[0], b[0], b[0] * 1_000));
            }
            for (int i = random.nextInt(5); i > 0; i--) {
                long t = start + (long) (random.nextDouble() * 790 * DAY);
                complaints.computeIfAbsent(customer, k -> new ArrayList<>()).add(t);
                String ticket = customer + "-t" + i;
                tickets.add(ChurnEvents.ticket(customer, ticket, TicketType.OPENED, TicketCategory.COMPLAINT, t));
                tickets.add(ChurnEvents.ticket(
                        customer, ticket, TicketType.RESOLVED, TicketCategory.COMPLAINT, t + TICKET_OPEN));
            }
            for (int i = random.nextInt(7); i > 0; i--) {
                long s = start + (long) (random.nextDouble() * 790 * DAY);
                contactStarts.computeIfAbsent(customer, k -> new ArrayList<>()).add(s);
                contacts.add(ChurnEvents.queued(customer, customer + "-k" + i, s));
                contacts.add(ChurnEvents.completed(customer, customer + "-k" + i, s + CONTACT_LENGTH));
            }
        }
        // Every input ends at the same moment, so event time reaches it everywhere before the input ends.
        figures.add(new CustomerFigures("zz-end", 0, BigDecimal.ZERO, CustomerFigures.NONE, end, end * 1_000));
        tickets.add(ChurnEvents.ticket("zz-end", "zz-t", TicketType.OPENED, TicketCategory.INQUIRY, end));
        contacts.add(ChurnEvents.queued("zz-end", "zz-k", end));
        figures.sort(Comparator.comparingLong(CustomerFigures::asOfMs));
        tickets.sort(Comparator.comparing(Ticket::ts));
        contacts.sort(Comparator.comparing(ContactEvent::ts));
    }

    /** METRICS.md's churn alerts of this traffic, up to {@link #end}, for {@code settings} (k, window, tiers). */
    List<Alert> expectedAlerts(ChurnSettings settings) {
        Map<String, List<CustomerFigures>> byCustomer = new LinkedHashMap<>();
        purchases.keySet().forEach(c -> byCustomer.put(c, new ArrayList<>()));
        figures.stream()
                .filter(f -> byCustomer.containsKey(f.customerId()))
                .forEach(f -> byCustomer.get(f.customerId()).add(f));
        Map<String, List<Long>> repeats = new HashMap<>();
        for (String customer : purchases.keySet()) {
            repeats.put(
                    customer, repeats(customer, settings.repeatContactWindow().toMillis()));
        }
        return expectedAlerts(byCustomer, complaints, repeats, List.of(cuts), settings, end);
    }

    /**
     * METRICS.md's churn alerts, recomputed plainly as the tracker applies the rules in event time:
     *
     * <ul>
     *   <li>{@code figures}: each customer's figures after each change (purchase, refund, purchase leaving the
     *       window), in time order, as of the change;
     *   <li>a figures change with a later last purchase resolves an open alert at its time;
     *   <li>without an open alert, a customer with F >= the minimum is judged at its due moment if that comes before
     *       its next change and not after {@code end} (the event time the run reached), or at the change itself if the
     *       due moment has passed already (a refund, a purchase leaving the window); it opens if its tier then is
     *       alerted, by the cut-points in force at that moment: the latest of {@code cuts} as of before it, as the
     *       tracker takes them ({@link ChurnAlertTracker#inForce});
     *   <li>escalation reasons from {@code complaints} (complaint tickets, each open an hour) and {@code repeats}
     *       (repeat contacts' starts) by customer; none given, none expected.
     * </ul>
     */
    static List<Alert> expectedAlerts(
            Map<String, List<CustomerFigures>> figures,
            Map<String, List<Long>> complaints,
            Map<String, List<Long>> repeatContacts,
            List<TierCutPoints> cuts,
            ChurnSettings settings,
            long end) {
        Map<Long, TierCutPoints> byAsOf = new HashMap<>();
        cuts.forEach(c -> byAsOf.put(c.asOfMs(), c));
        List<Alert> alerts = new ArrayList<>();
        long window = settings.escalationWindow().toMillis();
        for (var entry : figures.entrySet()) {
            String customer = entry.getKey();
            List<CustomerFigures> mine = entry.getValue();
            List<Long> complained = complaints.getOrDefault(customer, List.of());
            List<Long> repeats = repeatContacts.getOrDefault(customer, List.of());
            Alert open = null;
            long episodeLastPurchase = ChurnCustomerState.NONE;
            for (int i = 0; i < mine.size(); i++) {
                CustomerFigures fig = mine.get(i);
                long next = i + 1 < mine.size() ? mine.get(i + 1).asOfMs() : Long.MAX_VALUE;
                if (open != null && fig.f() > 0 && fig.lastPurchaseMs() > episodeLastPurchase) {
                    alerts.add(withActivity(open, Math.max(fig.asOfMs(), open.openedAtMs()), complained, repeats, end));
                    open = null;
                }
                if (open != null || fig.f() < settings.minPurchases()) {
                    continue;
                }
                long due = settings.dueMs(fig.lastPurchaseMs(), fig.f());
                long at;
                if (due <= fig.asOfMs()) {
                    at = fig.asOfMs(); // overdue already when the change came: judged at once
                } else if (due < next && due <= end) {
                    at = due;
                } else {
                    continue;
                }
                TierCutPoints inForce = ChurnAlertTracker.inForce(byAsOf.entrySet(), at);
                Tier tier = inForce == null ? null : inForce.tierOf(fig.tm());
                if (tier == null || !settings.alertedTiers().contains(tier)) {
                    continue;
                }
                TreeSet<EscalationReason> reasons = new TreeSet<>();
                if (complained.stream().anyMatch(t -> t > at - window && t <= at)) {
                    reasons.add(EscalationReason.COMPLAINT);
                }
                if (repeats.stream().anyMatch(t -> t > at - window && t <= at)) {
                    reasons.add(EscalationReason.REPEAT_CONTACT);
                }
                if (complained.stream().anyMatch(t -> t <= at && at < t + TICKET_OPEN)) {
                    reasons.add(EscalationReason.OPEN_TICKET);
                }
                open = new Alert(customer, at, ChurnCustomerState.NONE, tier, reasons);
                episodeLastPurchase = fig.lastPurchaseMs();
            }
            if (open != null) {
                alerts.add(withActivity(open, ChurnCustomerState.NONE, complained, repeats, end));
            }
        }
        return alerts;
    }

    /** The alert resolved at {@code resolvedAtMs} (NONE: open at the end), with what happened while it was open. */
    private static Alert withActivity(Alert a, long resolvedAtMs, List<Long> complained, List<Long> repeats, long end) {
        long until = resolvedAtMs == ChurnCustomerState.NONE ? end : resolvedAtMs;
        TreeSet<EscalationReason> reasons = new TreeSet<>(a.reasons());
        for (long t : complained) {
            if (t > a.openedAtMs() && t <= until) {
                reasons.add(EscalationReason.COMPLAINT);
                reasons.add(EscalationReason.OPEN_TICKET);
            }
        }
        if (repeats.stream().anyMatch(t -> t > a.openedAtMs() && t <= until)) {
            reasons.add(EscalationReason.REPEAT_CONTACT);
        }
        return new Alert(a.customer(), a.openedAtMs(), resolvedAtMs, a.tier(), reasons);
    }

    /** The starts of the customer's contacts within the window after another contact of theirs completed. */
    private List<Long> repeats(String customer, long windowMs) {
        List<Long> starts = contactStarts.getOrDefault(customer, List.of());
        List<Long> repeats = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            for (int j = 0; j < starts.size(); j++) {
                long completed = starts.get(j) + CONTACT_LENGTH;
                if (i != j && starts.get(i) > completed && starts.get(i) - completed <= windowMs) {
                    repeats.add(starts.get(i));
                    break;
                }
            }
        }
        return repeats;
    }

    /** The alerts a run wrote, as the recomputation sees them. */
    static List<Alert> actualAlerts(List<ChurnAlertRow> rows) {
        Map<String, List<ChurnAlertRow>> byAlert = new LinkedHashMap<>();
        rows.forEach(r ->
                byAlert.computeIfAbsent(r.alertId(), k -> new ArrayList<>()).add(r));
        List<Alert> alerts = new ArrayList<>();
        byAlert.values().forEach(events -> {
            ChurnAlertRow first = events.get(0);
            long resolved = events.stream()
                    .filter(e -> e.status() == org.ccpulse.schemas.event.ChurnAlertStatus.RESOLVED)
                    .mapToLong(ChurnAlertRow::tsMs)
                    .findFirst()
                    .orElse(ChurnCustomerState.NONE);
            TreeSet<EscalationReason> reasons = new TreeSet<>();
            events.forEach(e -> reasons.addAll(e.escalationReasons()));
            alerts.add(new Alert(first.customerId(), first.openedAtMs(), resolved, first.tier(), reasons));
        });
        return alerts;
    }
}
