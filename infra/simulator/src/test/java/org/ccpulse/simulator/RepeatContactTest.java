package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.InputTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customers come back as first-contact resolution expects them to, measured from the events alone,
 * with the definitions of METRICS.md: an eligible contact C (inbound COMPLETED, customer_id, no
 * parent_contact_id) is repeated within W when its customer starts another inbound contact (QUEUED,
 * no parent_contact_id) in (C.completed, C.completed + W].
 */
class RepeatContactTest {
    private static final int DAYS = 28;
    /** Eligible contacts are those completed in the first week: all have 21 days to be repeated. */
    private static final Instant ELIGIBLE_UNTIL =
            Runs.START.plusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();

    private static final Duration H1 = Duration.ofHours(1);
    private static final Duration H24 = Duration.ofHours(24);
    private static final Duration H72 = Duration.ofHours(72);
    private static final Duration D7 = Duration.ofDays(7);
    private static final Duration D21 = Duration.ofDays(21);

    /** One contact (queue leg): its events by type. */
    private record Leg(Map<String, JsonNode> events) {
        JsonNode queued() {
            return events.get("QUEUED");
        }

        JsonNode completed() {
            return events.get("COMPLETED");
        }

        String issue() {
            JsonNode done = completed();
            String reason = done == null ? null : Runs.text(done, "reason");
            return reason == null ? null : reason.substring(0, reason.indexOf('.'));
        }
    }

    private static Map<String, Leg> legs;
    /** Starts of new inbound contacts (QUEUED without parent) per customer, in time order. */
    private static Map<String, List<Leg>> startsByCustomer;

    private static List<Leg> eligible;

    @BeforeAll
    static void simulate() {
        List<JsonNode> events =
                Runs.events(Runs.run(Runs.config(5, 40, DAYS, MessRates.none())), InputTopic.CONTACT_EVENTS);
        legs = new LinkedHashMap<>();
        for (JsonNode e : events) {
            legs.computeIfAbsent(Runs.text(e, "contact_id"), k -> new Leg(new HashMap<>()))
                    .events()
                    .put(Runs.text(e, "type"), e);
        }
        startsByCustomer = new HashMap<>();
        eligible = new ArrayList<>();
        for (Leg leg : legs.values()) {
            JsonNode q = leg.queued();
            if (q != null && inboundOfKnownCustomerWithoutParent(q)) {
                startsByCustomer
                        .computeIfAbsent(Runs.text(q, "customer_id"), k -> new ArrayList<>())
                        .add(leg);
            }
            JsonNode done = leg.completed();
            if (done != null
                    && inboundOfKnownCustomerWithoutParent(done)
                    && Runs.instant(done, "ts").isBefore(ELIGIBLE_UNTIL)) {
                eligible.add(leg);
            }
        }
        startsByCustomer.values().forEach(l -> l.sort(Comparator.comparing(s -> Runs.instant(s.queued(), "ts"))));
    }

    private static boolean inboundOfKnownCustomerWithoutParent(JsonNode e) {
        return e.has("customer_id") && !e.has("parent_contact_id") && !"outbound".equals(Runs.text(e, "direction"));
    }

    /** The first new inbound contact of C's customer within (C.completed, C.completed + w], or null. */
    private static Leg repeatOf(Leg c, Duration w, boolean sameIssue) {
        Instant end = Runs.instant(c.completed(), "ts");
        for (Leg s : startsByCustomer.get(Runs.text(c.completed(), "customer_id"))) {
            Instant start = Runs.instant(s.queued(), "ts");
            if (!start.isAfter(end)) {
                continue;
            }
            if (start.isAfter(end.plus(w))) {
                return null;
            }
            if (!sameIssue || (c.issue() != null && c.issue().equals(s.issue()))) {
                return s;
            }
        }
        return null;
    }

    private static double repeatRate(List<Leg> contacts, Duration w, boolean sameIssue) {
        return contacts.stream().filter(c -> repeatOf(c, w, sameIssue) != null).count() / (double) contacts.size();
    }

    private static List<Leg> withOutcome(String outcome) {
        return eligible.stream()
                .filter(c -> Runs.text(c.completed(), "outcome").equals(outcome))
                .toList();
    }

    @Test
    void customersComeBackMoreOftenAfterUnresolvedEscalatedOrTransferredContacts() {
        double resolved = repeatRate(withOutcome("resolved"), D7, false);
        double unresolved = repeatRate(withOutcome("unresolved"), D7, false);
        double escalated = repeatRate(withOutcome("escalated"), D7, false);
        double transferred = repeatRate(withOutcome("transferred"), D7, false);
        double callback = repeatRate(withOutcome("callback_scheduled"), D7, false);

        assertThat(withOutcome("escalated")).as("sample").hasSizeGreaterThan(200);
        assertThat(resolved).as("after resolved").isBetween(0.03, 0.15);
        assertThat(unresolved).as("after unresolved").isBetween(0.40, 0.60);
        assertThat(escalated).as("after escalated").isBetween(0.25, unresolved - 0.05);
        // A transfer leg that is abandoned is retried, half the time: that comes on top.
        assertThat(transferred).as("after transferred").isBetween(0.20, unresolved - 0.05);
        assertThat(callback)
                .as("after callback_scheduled")
                .isBetween(resolved + 0.05, Math.min(escalated, transferred) - 0.05);
    }

    @Test
    void delaysRangeFromMinutesToWeeksSoThatEveryWindowCountsMore() {
        List<Duration> gaps = eligible.stream()
                .map(c -> {
                    Leg next = repeatOf(c, D21, false);
                    return next == null
                            ? null
                            : Duration.between(Runs.instant(c.completed(), "ts"), Runs.instant(next.queued(), "ts"));
                })
                .filter(g -> g != null)
                .sorted()
                .toList();
        assertThat(gaps).hasSizeGreaterThan(1_000);
        assertThat(gaps.get(0)).isPositive();
        long withinHour = gaps.stream().filter(g -> g.compareTo(H1) <= 0).count();
        long afterWeek = gaps.stream().filter(g -> g.compareTo(D7) > 0).count();
        assertThat(withinHour).as("back within the hour").isGreaterThan(gaps.size() / 20);
        assertThat(afterWeek).as("back after more than a week").isGreaterThan(gaps.size() / 10);

        double r1 = repeatRate(eligible, H1, false);
        double r24 = repeatRate(eligible, H24, false);
        double r72 = repeatRate(eligible, H72, false);
        double r7 = repeatRate(eligible, D7, false);
        double r28 = repeatRate(eligible, D21, false);
        assertThat(r24).as("24h vs 1h").isGreaterThan(r1 + 0.02);
        assertThat(r72).as("72h vs 24h").isGreaterThan(r24 + 0.02);
        assertThat(r7).as("7d vs 72h").isGreaterThan(r72 + 0.01);
        assertThat(r28).as("21d vs 7d").isGreaterThan(r7 + 0.05);
    }

    @Test
    void unrelatedContactsOfTheSameCustomerAreRareWithinDaysCommonerOverWeeks() {
        // After a resolved contact few come back for that issue: what remains is mostly the
        // customer's next, unrelated contact, which the size of the customer base governs.
        List<Leg> resolved = withOutcome("resolved");
        assertThat(repeatRate(resolved, H24, false)).isLessThan(0.06);
        assertThat(repeatRate(resolved, D21, false)).isBetween(0.10, 0.35);

        long queued = legs.values().stream().filter(l -> l.queued() != null).count();
        long anonymous = legs.values().stream()
                .filter(l -> l.queued() != null && !l.queued().has("customer_id"))
                .count();
        assertThat(anonymous / (double) queued).as("anonymous contacts").isBetween(0.03, 0.15);
    }

    @Test
    void someComeBackOnAnotherChannelOrQueue() {
        int repeats = 0;
        int otherChannel = 0;
        int otherQueue = 0;
        for (Leg c : eligible) {
            Leg next = repeatOf(c, D7, false);
            if (next == null) {
                continue;
            }
            repeats++;
            if (!Runs.text(next.queued(), "channel").equals(Runs.text(c.completed(), "channel"))) {
                otherChannel++;
            }
            if (!Runs.text(next.queued(), "queue").equals(Runs.text(c.completed(), "queue"))) {
                otherQueue++;
            }
        }
        assertThat(repeats).isGreaterThan(500);
        assertThat(otherChannel / (double) repeats).as("on another channel").isBetween(0.15, 0.50);
        assertThat(otherQueue / (double) repeats).as("on another queue").isBetween(0.10, 0.50);
    }

    @Test
    void sameIssueRepeatsAreAProperSubsetOfRepeats() {
        for (Duration w : List.of(H24, D7, D21)) {
            int plain = 0;
            int sameIssue = 0;
            for (Leg c : eligible) {
                boolean repeated = repeatOf(c, w, false) != null;
                if (repeatOf(c, w, true) != null) {
                    assertThat(repeated).as("a same-issue repeat is a repeat").isTrue();
                    sameIssue++;
                }
                plain += repeated ? 1 : 0;
            }
            assertThat(sameIssue).as("same-issue repeats within %s", w).isGreaterThan(plain * 2 / 5);
            assertThat(sameIssue).as("same-issue repeats within %s", w).isLessThan(plain * 95 / 100);
        }
    }

    @Test
    void transferLegsCarryTheirParentOnEveryEventAndNeverLookLikeRepeats() {
        int checked = 0;
        for (Map.Entry<String, Leg> entry : legs.entrySet()) {
            Leg leg = entry.getValue();
            String parentId = Runs.text(leg.queued(), "parent_contact_id");
            for (JsonNode e : leg.events().values()) {
                assertThat(Runs.text(e, "parent_contact_id"))
                        .as("parent on %s of %s", Runs.text(e, "type"), entry.getKey())
                        .isEqualTo(parentId);
            }
            if (parentId == null) {
                continue;
            }
            Leg parent = legs.get(parentId);
            assertThat(parent).as("parent %s exists", parentId).isNotNull();
            JsonNode parentDone = parent.completed();
            assertThat(Runs.text(parentDone, "outcome")).isEqualTo("transferred");
            assertThat(Runs.instant(parent.queued(), "ts")).isBefore(Runs.instant(leg.queued(), "ts"));
            assertThat(Runs.instant(leg.queued(), "ts")).isEqualTo(Runs.instant(parentDone, "ts"));
            assertThat(Runs.text(leg.queued(), "queue")).isNotEqualTo(Runs.text(parentDone, "queue"));
            assertThat(Runs.text(leg.queued(), "customer_id")).isEqualTo(Runs.text(parentDone, "customer_id"));
            assertThat(Runs.text(leg.queued(), "channel")).isEqualTo(Runs.text(parentDone, "channel"));
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
        // Legs are not starts (every transferred first leg would be repeated at once): within the
        // hour come only those who call right back and the retries of abandoned legs.
        assertThat(repeatRate(withOutcome("transferred"), H1, false)).isBetween(0.02, 0.35);
    }
}
