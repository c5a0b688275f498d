package org.ccpulse.jobs.fcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ccpulse.jobs.fcr.FcrEvents.abandoned;
import static org.ccpulse.jobs.fcr.FcrEvents.completed;
import static org.ccpulse.jobs.fcr.FcrEvents.leg;
import static org.ccpulse.jobs.fcr.FcrEvents.ms;
import static org.ccpulse.jobs.fcr.FcrEvents.outbound;
import static org.ccpulse.jobs.fcr.FcrEvents.queued;

import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FcrTracker in Flink's keyed operator harness: event time, watermarks, timers and state, rule by rule. */
class FcrTrackerTest {

    /** 2 h lateness; the default windows plus a same-issue one. */
    private static final String CONFIG = """
            allowed_lateness_minutes: 120
            first-contact-resolution:
              windows: [24h, 72h, 7d, 30d, 7d_same_issue]
            """;

    private static final long H = 3_600_000L;
    private static final long D = 24 * H;
    private static final long LATENESS = 2 * H;

    private KeyedOneInputStreamOperatorTestHarness<String, ContactEvent, FcrOutcomeRow> harness;

    private void open(String yaml) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new FcrTracker(FcrConfig.parse(yaml)), ContactEvent::customerId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(ContactEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.ts().toEpochMilli()));
    }

    private void watermark(long ms) throws Exception {
        harness.processWatermark(new Watermark(ms));
    }

    private List<FcrOutcomeRow> outcomes() {
        return harness.extractOutputValues();
    }

    /** The latest row of a contact in a window. */
    private FcrOutcomeRow latest(String contact, String window) {
        FcrOutcomeRow last = null;
        for (FcrOutcomeRow r : outcomes()) {
            if (r.contactId.equals(contact) && r.window.equals(window)) {
                last = r;
            }
        }
        return last;
    }

    private List<FcrRepeatRow> pairs() {
        var side = harness.getSideOutput(FcrTracker.REPEATS);
        return side == null
                ? List.of()
                : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aRepeatAtExactlyCompletedPlusTheWindowCountsAndOneMillisecondLaterDoesNot() throws Exception {
        open(CONFIG);
        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(completed("c2", "bob", "2026-11-02T10:00:00Z", "billing.dispute"));
        assertThat(outcomes())
                .as("pending in every window when it completes")
                .hasSize(10)
                .allSatisfy(r -> {
                    assertThat(r.status).isEqualTo("pending");
                    assertThat(r.version).isZero();
                });

        send(queued("r1", "alice", "2026-11-03T10:00:00Z")); // exactly completed + 24 h
        send(queued("r2", "bob", "2026-11-03T10:00:00.001Z")); // 1 ms later
        assertThat(latest("c1", "24h").status).isEqualTo("repeat");
        assertThat(latest("c1", "24h").repeatContactId).isEqualTo("r1");
        assertThat(latest("c1", "24h").repeatStartedAtMs).isEqualTo(ms("2026-11-03T10:00:00Z"));
        assertThat(latest("c1", "24h").version).isEqualTo(1);
        assertThat(latest("c2", "24h").status).isEqualTo("pending");
        assertThat(latest("c2", "72h").status).isEqualTo("repeat");

        watermark(ms("2026-11-03T10:00:00Z") + LATENESS - 1);
        assertThat(latest("c2", "24h").status).as("still inside the lateness").isEqualTo("pending");
        watermark(ms("2026-11-03T10:00:00Z") + LATENESS);
        assertThat(latest("c2", "24h").status).isEqualTo("resolved");
        assertThat(latest("c2", "24h").version).isEqualTo(1);
        assertThat(latest("c2", "24h").repeatStartedAtMs).isNull();
    }

    @Test
    void aRepeatThatArrivesBeforeTheContactsCompletionCountsByItsTs() throws Exception {
        open(CONFIG);
        send(queued("r1", "alice", "2026-11-02T12:00:00Z"));
        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute")); // late, but within the lateness

        assertThat(outcomes())
                .filteredOn(r -> r.contactId.equals("c1") && !r.window.equals("7d_same_issue"))
                .extracting(r -> r.window, r -> r.status, r -> r.version, r -> r.repeatContactId)
                .containsExactly(
                        tuple("24h", "repeat", 1, "r1"),
                        tuple("72h", "repeat", 1, "r1"),
                        tuple("7d", "repeat", 1, "r1"),
                        tuple("30d", "repeat", 1, "r1"));
        assertThat(latest("c1", "7d_same_issue").status)
                .as("its reason is not known yet")
                .isEqualTo("pending");
    }

    @Test
    void anEarlierRepeatArrivingOutOfOrderReplacesTheOneThatSettledTheContact() throws Exception {
        open(CONFIG);
        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(queued("r2", "alice", "2026-11-02T15:00:00Z"));
        send(queued("r1", "alice", "2026-11-02T12:00:00Z"));

        assertThat(outcomes())
                .filteredOn(r -> r.contactId.equals("c1") && r.window.equals("24h"))
                .extracting(r -> r.status, r -> r.repeatContactId, r -> r.version)
                .containsExactly(tuple("pending", "", 0), tuple("repeat", "r2", 1), tuple("repeat", "r1", 1));

        watermark(ms("2026-11-02T15:00:00Z") + LATENESS);
        assertThat(pairs())
                .as("the pair is written once its repeat is certainly the first")
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.repeatContactId).isEqualTo("r1");
                    assertThat(p.version).isZero();
                });
    }

    @Test
    void transferLegsOutboundContactsAndUnknownCustomersAreNeitherEligibleNorRepeats() throws Exception {
        open(CONFIG);
        assertThat(FcrRules.concernsFcr(completed("x", null, "2026-11-02T10:00:00Z", "billing.dispute")))
                .as("no customer_id: dropped before the key")
                .isFalse();
        assertThat(FcrRules.concernsFcr(outbound(queued("x", "alice", "2026-11-02T10:00:00Z"))))
                .isFalse();
        assertThat(FcrRules.concernsFcr(leg(queued("x", "alice", "2026-11-02T10:00:00Z"), "c0")))
                .isFalse();

        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(leg(queued("leg", "alice", "2026-11-02T10:01:00Z"), "c1"));
        send(leg(completed("leg", "alice", "2026-11-02T10:09:00Z", "billing.dispute"), "c1"));
        send(outbound(queued("out", "alice", "2026-11-02T12:00:00Z")));
        send(outbound(completed("out", "alice", "2026-11-02T12:05:00Z", "billing.dispute")));

        assertThat(outcomes()).extracting(r -> r.contactId).containsOnly("c1");
        watermark(ms("2026-11-03T10:00:00Z") + LATENESS);
        assertThat(latest("c1", "24h").status).isEqualTo("resolved");
    }

    @Test
    void aSameIssueWindowCountsOnlyARepeatWithTheSameFirstSegmentOfReason() throws Exception {
        open(CONFIG);
        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(queued("r1", "alice", "2026-11-03T09:00:00Z", "technical", Channel.CHAT));
        send(completed("r1", "alice", "2026-11-03T09:20:00Z", "technical.outage"));
        assertThat(latest("c1", "7d").status).isEqualTo("repeat");
        assertThat(latest("c1", "7d_same_issue").status).isEqualTo("pending");

        send(queued("r2", "alice", "2026-11-05T09:00:00Z"));
        assertThat(latest("c1", "7d_same_issue").status)
                .as("not before its reason is known")
                .isEqualTo("pending");
        send(completed("r2", "alice", "2026-11-05T09:10:00Z", "billing.refund"));
        FcrOutcomeRow sameIssue = latest("c1", "7d_same_issue");
        assertThat(sameIssue.status).isEqualTo("repeat");
        assertThat(sameIssue.repeatContactId).isEqualTo("r2");
        assertThat(sameIssue.repeatStartedAtMs).isEqualTo(ms("2026-11-05T09:00:00Z"));
        assertThat(latest("c1", "7d").repeatContactId)
                .as("any issue: the first repeat")
                .isEqualTo("r1");
    }

    @Test
    void aSameIssueWindowWaitsForARepeatStartedInsideItUntilItEndsAtMost24HoursAfterItsStart() throws Exception {
        open("""
                allowed_lateness_minutes: 120
                first-contact-resolution: { windows: [24h_same_issue] }
                """);
        // alice's repeat is still going on when her window ends, and turns out to be about the same issue.
        send(completed("a1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(queued("a2", "alice", "2026-11-03T09:00:00Z"));
        // bob's repeat is abandoned after the window: not the same issue.
        send(completed("b1", "bob", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(queued("b2", "bob", "2026-11-03T09:00:00Z"));
        // carol's repeat never ends: her contact waits 24 h after the repeat started, then settles.
        send(completed("k1", "carol", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(queued("k2", "carol", "2026-11-03T09:00:00Z"));

        watermark(ms("2026-11-03T10:00:00Z") + LATENESS);
        assertThat(outcomes()).extracting(r -> r.status).containsOnly("pending");

        send(completed("a2", "alice", "2026-11-03T12:00:00Z", "billing.other"));
        send(abandoned("b2", "bob", "2026-11-03T11:00:00Z"));
        assertThat(latest("a1", "24h_same_issue").status).isEqualTo("repeat");
        watermark(ms("2026-11-03T11:00:00Z") + LATENESS);
        assertThat(latest("b1", "24h_same_issue").status).isEqualTo("resolved");
        assertThat(latest("k1", "24h_same_issue").status).isEqualTo("pending");

        watermark(ms("2026-11-04T09:00:00Z") + LATENESS - 1);
        assertThat(latest("k1", "24h_same_issue").status).isEqualTo("pending");
        watermark(ms("2026-11-04T09:00:00Z") + LATENESS);
        assertThat(latest("k1", "24h_same_issue").status).isEqualTo("resolved");
    }

    @Test
    void aRepeatWithinTheLatenessSettlesAsRepeatAndASettledContactIsNotReopened() throws Exception {
        open(CONFIG);
        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(completed("c2", "bob", "2026-11-02T10:00:00Z", "billing.dispute"));
        watermark(ms("2026-11-03T10:00:00Z") + LATENESS - 1);
        send(queued("r1", "alice", "2026-11-03T09:59:00Z")); // late by almost the whole lateness
        assertThat(latest("c1", "24h").status).isEqualTo("repeat");

        watermark(ms("2026-11-03T10:00:00Z") + LATENESS);
        assertThat(latest("c2", "24h").status).isEqualTo("resolved");
        int rows = outcomes().size();
        // Beyond the lateness the intake rejects such a start as LATE; should one reach the operator, it
        // settles the later windows but never reopens the settled one.
        send(queued("r2", "bob", "2026-11-03T09:59:00Z"));
        assertThat(latest("c2", "24h").status).isEqualTo("resolved");
        assertThat(outcomes().subList(rows, outcomes().size()))
                .extracting(r -> r.window)
                .doesNotContain("24h");
    }

    @Test
    void theBusinessDateIsTheCompletionsLocalDateAcrossDaylightSavingChanges() throws Exception {
        open("""
                business_zone: Europe/Berlin
                first-contact-resolution: { windows: [24h] }
                """);
        // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST. 25 October: from 03:00 CEST back to 02:00 CET.
        send(completed("m1", "a", "2026-03-28T22:59:59Z", "x")); // 23:59:59 CET on the 28th
        send(completed("m2", "b", "2026-03-28T23:00:00Z", "x")); // 00:00 CET on the 29th
        send(completed("m3", "c", "2026-03-29T21:59:59Z", "x")); // 23:59:59 CEST on the 29th (a 23-hour day)
        send(completed("m4", "d", "2026-03-29T22:00:00Z", "x")); // 00:00 CEST on the 30th
        send(completed("o1", "e", "2026-10-25T22:59:59Z", "x")); // 23:59:59 CET on the 25th (a 25-hour day)
        send(completed("o2", "f", "2026-10-24T22:00:00Z", "x")); // 00:00 CEST on the 25th

        assertThat(outcomes())
                .extracting(r -> r.contactId, r -> LocalDate.ofEpochDay(r.businessDay))
                .containsExactly(
                        tuple("m1", LocalDate.parse("2026-03-28")),
                        tuple("m2", LocalDate.parse("2026-03-29")),
                        tuple("m3", LocalDate.parse("2026-03-29")),
                        tuple("m4", LocalDate.parse("2026-03-30")),
                        tuple("o1", LocalDate.parse("2026-10-25")),
                        tuple("o2", LocalDate.parse("2026-10-25")));
    }

    @Test
    void theEndOfABoundedInputSettlesNothingButWhatClosedBeforeStaysSettled() throws Exception {
        open(CONFIG);
        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(completed("c2", "bob", "2026-11-04T10:00:00Z", "billing.dispute"));
        watermark(ms("2026-11-03T10:00:00Z") + LATENESS); // the last real watermark: c1's 24 h closed
        assertThat(latest("c1", "24h").status).isEqualTo("resolved");

        int before = outcomes().size();
        watermark(EndOfInput.TIME);
        assertThat(outcomes().subList(before, outcomes().size()))
                .as("rows written because the input ended")
                .isEmpty();
        assertThat(latest("c1", "72h").status).isEqualTo("pending");
        assertThat(latest("c2", "24h").status).isEqualTo("pending");
    }

    @Test
    void pairRowsFollowTheFirstRepeatAndItsReason() throws Exception {
        open(CONFIG);
        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute", Outcome.UNRESOLVED));
        send(queued("r1", "alice", "2026-11-03T08:00:00Z", "technical", Channel.CHAT));
        send(queued("r9", "alice", "2026-11-04T08:00:00Z")); // not the first
        assertThat(pairs()).as("not certain to be the first yet").isEmpty();

        watermark(ms("2026-11-03T08:00:00Z") + LATENESS);
        assertThat(pairs()).singleElement().satisfies(p -> {
            assertThat(p.firstContactId).isEqualTo("c1");
            assertThat(p.repeatContactId).isEqualTo("r1");
            assertThat(p.version).isZero();
            assertThat(p.repeatReason).isEmpty();
            assertThat(p.delayS()).isEqualTo(22 * 3600.0);
            assertThat(p.channelChanged()).isTrue();
            assertThat(p.repeatQueue).isEqualTo("technical");
            assertThat(p.firstAgentResolved).isFalse();
        });

        send(completed("r1", "alice", "2026-11-03T08:30:00Z", "technical.outage"));
        assertThat(pairs()).hasSize(2);
        assertThat(pairs().get(1).version).isEqualTo(1);
        assertThat(pairs().get(1).repeatReason).isEqualTo("technical.outage");
    }

    @Test
    void afterTheLongestWindowAndTheLatenessNoStateAndNoTimerIsLeft() throws Exception {
        open(CONFIG);
        send(completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"));
        send(queued("r1", "alice", "2026-11-04T10:00:00Z"));
        send(completed("r1", "alice", "2026-11-04T10:10:00Z", "billing.refund"));
        send(queued("x1", "bob", "2026-11-02T09:00:00Z"));
        send(abandoned("x1", "bob", "2026-11-02T09:01:00Z"));
        send(completed("c3", "carol", "2026-11-20T10:00:00Z", "technical.outage"));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isEqualTo(3).as("one per customer");

        watermark(ms("2026-11-02T09:01:00Z") + LATENESS);
        assertThat(harness.numEventTimeTimers()).as("bob's contact is gone").isEqualTo(2);

        long lastClose = ms("2026-11-04T10:10:00Z") + 30 * D + LATENESS; // r1, itself eligible, completed last
        watermark(lastClose - 1);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        watermark(ms("2026-11-20T10:00:00Z") + 30 * D + LATENESS);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(latest("c1", "30d").status).isEqualTo("repeat");
        assertThat(latest("r1", "30d").status).isEqualTo("resolved");
        assertThat(latest("c3", "30d").status).isEqualTo("resolved");
    }

    @Test
    void theStateIsSerializedWithoutKryo() {
        assertThat(TypeInformation.of(FcrContact.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(FcrWindowState.class)).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
        noGenericTypes.setGenericTypes(false);
        // Throws for any field that would fall back to Kryo.
        FcrTracker.CONTACTS_TYPE.createSerializer(noGenericTypes);
        TypeInformation.of(FcrOutcomeRow.class).createSerializer(noGenericTypes);
        TypeInformation.of(FcrRepeatRow.class).createSerializer(noGenericTypes);
        TypeInformation.of(FcrTarget.class).createSerializer(noGenericTypes);
    }
}
