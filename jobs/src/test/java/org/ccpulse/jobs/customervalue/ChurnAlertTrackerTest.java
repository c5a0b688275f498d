package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.CUTS;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.DAY;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.SETTINGS;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.T0;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.activity;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.due;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.figures;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.ccpulse.jobs.customervalue.CustomerActivity.Kind;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.ChurnAlert;
import org.ccpulse.schemas.event.ChurnAlertStatus;
import org.ccpulse.schemas.event.EscalationReason;
import org.ccpulse.schemas.event.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The churn alert tracker in Flink's keyed broadcast harness, rule by rule (METRICS.md "Churn alerts"). */
class ChurnAlertTrackerTest {

    static final int MAX_PARALLELISM = 128;

    private Tracked tracked;

    /** A tracker in its harness, and its operator (for the state it holds). */
    record Tracked(
            KeyedBroadcastOperatorTestHarness<String, ChurnInput, TierCutPoints, ChurnAlertRow> harness,
            CoBroadcastWithKeyedOperator<String, ChurnInput, TierCutPoints, ChurnAlertRow> operator) {

        int stateEntries() {
            return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
        }
    }

    static Tracked tracker(OperatorSubtaskState restored, int parallelism, int subtask) throws Exception {
        CoBroadcastWithKeyedOperator<String, ChurnInput, TierCutPoints, ChurnAlertRow> operator =
                new CoBroadcastWithKeyedOperator<>(
                        new ChurnAlertTracker(SETTINGS), List.of(ChurnAlertTracker.CUT_POINTS));
        var harness = new KeyedBroadcastOperatorTestHarness<>(
                operator, ChurnInput::customerId, Types.STRING, MAX_PARALLELISM, parallelism, subtask);
        harness.setup();
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return new Tracked(harness, operator);
    }

    @BeforeEach
    void open() throws Exception {
        tracked = tracker(null, 1, 0);
        tracked.harness().processBroadcastElement(CUTS, CUTS.asOfMs());
    }

    @AfterEach
    void close() throws Exception {
        tracked.harness().close();
    }

    private void in(ChurnInput input) throws Exception {
        tracked.harness().processElement(input, input.tsMs());
    }

    private void watermark(long ms) throws Exception {
        tracked.harness().watermark(ms);
    }

    private List<ChurnAlertRow> alerts() {
        return tracked.harness().extractOutputValues();
    }

    private static final int COMPLAINT = ChurnAlertRow.bit(EscalationReason.COMPLAINT);
    private static final int REPEAT = ChurnAlertRow.bit(EscalationReason.REPEAT_CONTACT);
    private static final int OPEN_TICKET = ChurnAlertRow.bit(EscalationReason.OPEN_TICKET);

    @Test
    void opensAtExactlyTheMomentRCrossesKTimesPWithoutAnyFurtherEvent() throws Exception {
        in(figures("c1", 2, "600.00", T0, T0));
        long due = due(T0, 2); // P = 182.5 days
        watermark(due - 1);
        assertThat(alerts()).isEmpty();

        watermark(due);

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ChurnAlertStatus.OPENED);
            assertThat(a.tsMs()).isEqualTo(due);
            assertThat(a.openedAtMs()).isEqualTo(due);
            assertThat(a.tier()).isEqualTo(Tier.HIGH);
            assertThat(a.alertId()).isEqualTo("c1/" + Instant.ofEpochMilli(due));
            assertThat(a.eventId()).isEqualTo(a.alertId() + "/OPENED");
            ChurnAlert event = a.toEvent();
            assertThat(event.pDays()).isEqualTo(182.5);
            assertThat(event.rDays()).isEqualTo(182.5);
            assertThat(event.deltaDays()).isZero();
            assertThat(event.m()).isEqualByComparingTo("300");
            assertThat(event.escalationReasons()).isEmpty();
        });
    }

    /**
     * A backfill reads the orders far ahead of the tickets and contacts that hold the tracker's event time back, so
     * cut-points as of months later arrive before a due moment is judged: the due moment takes the cut-points in force
     * then (the latest as of before it), not the latest received (CustomerValueYearIT found it).
     */
    @Test
    void aDueMomentIsJudgedByTheCutPointsInForceThenNotByLaterOnesReceivedAhead() throws Exception {
        in(figures("c1", 2, "600", T0, T0)); // high by CUTS (500 <= 600 < 1,000)
        in(figures("c2", 2, "400", T0 + DAY, T0 + DAY)); // mid by CUTS
        long later = due(T0 + DAY, 2) + 60 * DAY;
        // As of two months after both due moments: c1 is mid by them, c2 high.
        tracked.harness()
                .processBroadcastElement(
                        new TierCutPoints(
                                later, 1_000, new BigDecimal("2000"), new BigDecimal("300"), new BigDecimal("100")),
                        later);
        tracked.harness()
                .processBroadcastElement(
                        new TierCutPoints(
                                later + 3 * DAY,
                                1_000,
                                new BigDecimal("2000"),
                                new BigDecimal("650"),
                                new BigDecimal("100")),
                        later + 3 * DAY);
        watermark(due(T0 + DAY, 2));

        assertThat(alerts())
                .extracting(ChurnAlertRow::customerId, ChurnAlertRow::status, ChurnAlertRow::tier)
                .containsExactly(tuple("c1", ChurnAlertStatus.OPENED, Tier.HIGH));

        // Once event time has passed the first later cut-points, they are in force (not those as of a day after):
        // a refund of c2 judges it again.
        watermark(later + 2 * DAY);
        in(figures("c2", 2, "399", T0 + DAY, later + 2 * DAY));
        watermark(later + 2 * DAY + 1);
        assertThat(alerts())
                .extracting(ChurnAlertRow::customerId, ChurnAlertRow::status, ChurnAlertRow::tier)
                .containsExactly(
                        tuple("c1", ChurnAlertStatus.OPENED, Tier.HIGH),
                        tuple("c2", ChurnAlertStatus.OPENED, Tier.HIGH));
    }

    /** Cut-points no moment still to be judged can take are forgotten: the broadcast state stays small. */
    @Test
    void cutPointsOlderThanTheOneInForceAtTheLatenessHorizonAreForgotten() throws Exception {
        for (int d = 1; d <= 10; d++) {
            watermark(T0 + d * DAY);
            tracked.harness()
                    .processBroadcastElement(
                            new TierCutPoints(
                                    T0 + d * DAY,
                                    10,
                                    new BigDecimal("1000"),
                                    new BigDecimal("500"),
                                    new BigDecimal("100")),
                            T0 + d * DAY);
        }
        List<Long> kept = new ArrayList<>();
        tracked.operator()
                .getOperatorStateBackend()
                .getBroadcastState(ChurnAlertTracker.CUT_POINTS)
                .entries()
                .forEach(e -> kept.add(e.getKey()));
        // The watermark at day 10 minus two hours of lateness: day 9's are in force there, day 10's ahead of it.
        assertThat(kept).containsExactlyInAnyOrder(T0 + 9 * DAY, T0 + 10 * DAY);
    }

    @Test
    void aPurchaseLeavingTheWindowMovesTheDueMoment() throws Exception {
        in(figures("c1", 3, "900", T0, T0)); // P = 121.7 days
        in(figures("c1", 2, "600", T0, T0 + 65 * DAY)); // the oldest purchase left the window: P = 182.5 days
        watermark(due(T0, 3) + DAY);
        assertThat(alerts()).isEmpty();

        watermark(due(T0, 2));

        assertThat(alerts())
                .extracting(ChurnAlertRow::status, ChurnAlertRow::tsMs, ChurnAlertRow::f)
                .containsExactly(tuple(ChurnAlertStatus.OPENED, due(T0, 2), 2));
    }

    @Test
    void aRefundThatDropsTheTierBeforeTheDueMomentMeansNoAlert() throws Exception {
        in(figures("c1", 2, "600", T0, T0));
        in(figures("c1", 2, "450", T0, T0 + 10 * DAY)); // refund: TM 450 is mid
        watermark(due(T0, 2) + 30 * DAY);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void theTierAnAlertOpenedWithStaysAfterARefund() throws Exception {
        in(figures("c1", 2, "1200", T0, T0));
        watermark(due(T0, 2));
        in(figures("c1", 2, "450", T0, due(T0, 2) + DAY)); // refund after opening
        watermark(due(T0, 2) + 10 * DAY);

        assertThat(alerts())
                .extracting(ChurnAlertRow::status, ChurnAlertRow::tier)
                .containsExactly(tuple(ChurnAlertStatus.OPENED, Tier.TOP));
    }

    @Test
    void aCustomerWithOnePurchaseIsNeverAlertedAndNotKept() throws Exception {
        in(figures("c1", 1, "5000", T0, T0));
        watermark(T0 + 400 * DAY);
        assertThat(alerts()).isEmpty();
        assertThat(tracked.stateEntries()).isZero();
        assertThat(tracked.harness().numEventTimeTimers()).isZero();
    }

    @Test
    void aLowTierOrNoCutPointsMeansNoAlert() throws Exception {
        in(figures("c1", 4, "99", T0, T0));
        watermark(due(T0, 4));
        assertThat(alerts()).isEmpty();

        Tracked noCuts = tracker(null, 1, 0);
        try {
            noCuts.harness().processElement(figures("c2", 2, "5000", T0, T0), T0);
            noCuts.harness().watermark(due(T0, 2) + DAY);
            assertThat(noCuts.harness().extractOutputValues()).isEmpty();
        } finally {
            noCuts.harness().close();
        }
    }

    @Test
    void escalatesAtOpeningForEachReasonWithinTheLastThirtyDays() throws Exception {
        long due = due(T0, 2);
        in(figures("c1", 2, "600", T0, T0));
        in(figures("c2", 2, "600", T0, T0));
        in(figures("c3", 2, "600", T0, T0));
        in(figures("c4", 2, "600", T0, T0));
        in(activity("c1", Kind.COMPLAINT, due - 29 * DAY, 0));
        in(activity("c2", Kind.REPEAT_CONTACT, due - DAY, 0));
        in(activity("c3", Kind.TICKET_OPENED, due - 100 * DAY, 1)); // open for 100 days: still open
        in(activity("c4", Kind.COMPLAINT, due - 31 * DAY, 0)); // too long ago
        in(activity("c4", Kind.TICKET_OPENED, due - 40 * DAY, 1));
        in(activity("c4", Kind.TICKET_CLOSED, due - 35 * DAY, 0)); // no longer open

        watermark(due);

        assertThat(alerts())
                .extracting(
                        ChurnAlertRow::customerId, ChurnAlertRow::status, ChurnAlertRow::tsMs, ChurnAlertRow::reasons)
                .containsExactlyInAnyOrder(
                        tuple("c1", ChurnAlertStatus.OPENED, due, 0),
                        tuple("c1", ChurnAlertStatus.ESCALATED, due, COMPLAINT),
                        tuple("c2", ChurnAlertStatus.OPENED, due, 0),
                        tuple("c2", ChurnAlertStatus.ESCALATED, due, REPEAT),
                        tuple("c3", ChurnAlertStatus.OPENED, due, 0),
                        tuple("c3", ChurnAlertStatus.ESCALATED, due, OPEN_TICKET),
                        tuple("c4", ChurnAlertStatus.OPENED, due, 0));
        assertThat(alerts())
                .filteredOn(a -> a.customerId().equals("c1") && a.status() == ChurnAlertStatus.ESCALATED)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.eventId()).isEqualTo(a.alertId() + "/ESCALATED/complaint");
                    assertThat(a.toEvent().escalationReasons()).containsExactly(EscalationReason.COMPLAINT);
                });
    }

    @Test
    void escalatesWhileOpenOncePerNewReason() throws Exception {
        long due = due(T0, 2);
        in(figures("c1", 2, "600", T0, T0));
        in(activity("c1", Kind.COMPLAINT, due - 5 * DAY, 0));
        watermark(due);
        in(activity("c1", Kind.COMPLAINT, due + DAY, 0)); // complaint again: given already
        in(activity("c1", Kind.REPEAT_CONTACT, due + 2 * DAY, 0));
        in(activity("c1", Kind.TICKET_OPENED, due + 3 * DAY, 1));
        in(activity("c1", Kind.TICKET_CLOSED, due + 4 * DAY, 0));
        in(activity("c1", Kind.TICKET_OPENED, due + 5 * DAY, 1)); // open ticket again: given already
        watermark(due + 10 * DAY);

        assertThat(alerts())
                .extracting(ChurnAlertRow::status, ChurnAlertRow::tsMs, ChurnAlertRow::reasons)
                .containsExactly(
                        tuple(ChurnAlertStatus.OPENED, due, 0),
                        tuple(ChurnAlertStatus.ESCALATED, due, COMPLAINT),
                        tuple(ChurnAlertStatus.ESCALATED, due + 2 * DAY, REPEAT),
                        tuple(ChurnAlertStatus.ESCALATED, due + 3 * DAY, OPEN_TICKET));
        assertThat(alerts()).extracting(ChurnAlertRow::eventId).doesNotHaveDuplicates();
    }

    @Test
    void theNextPurchaseResolvesAndALaterOverdueIsANewAlert() throws Exception {
        long due = due(T0, 2);
        in(figures("c1", 2, "600", T0, T0));
        watermark(due + 10 * DAY);
        long purchase = due + 20 * DAY;
        in(figures("c1", 3, "900", purchase, purchase));
        long nextDue = due(purchase, 3);
        watermark(nextDue);

        List<ChurnAlertRow> alerts = alerts();
        assertThat(alerts)
                .extracting(ChurnAlertRow::status, ChurnAlertRow::tsMs, ChurnAlertRow::openedAtMs)
                .containsExactly(
                        tuple(ChurnAlertStatus.OPENED, due, due),
                        tuple(ChurnAlertStatus.RESOLVED, purchase, due),
                        tuple(ChurnAlertStatus.OPENED, nextDue, nextDue));
        assertThat(alerts.get(1).alertId()).isEqualTo(alerts.get(0).alertId());
        assertThat(alerts.get(1).toEvent().rDays()).isZero();
        assertThat(alerts.get(1).f()).isEqualTo(3);
        assertThat(alerts.get(2).alertId()).isNotEqualTo(alerts.get(0).alertId());
    }

    @Test
    void oneAlertPerEpisodeWhateverTheFiguresDoMeanwhile() throws Exception {
        in(figures("c1", 3, "900", T0, T0));
        watermark(due(T0, 3));
        in(figures("c1", 3, "800", T0, due(T0, 3) + DAY)); // a refund
        in(figures("c1", 2, "600", T0, due(T0, 3) + 2 * DAY)); // a purchase left the window: due moves later
        watermark(due(T0, 2) + DAY);
        in(figures("c1", 2, "550", T0, due(T0, 2) + 2 * DAY)); // figures again, past the new due
        watermark(due(T0, 2) + 30 * DAY);

        assertThat(alerts()).extracting(ChurnAlertRow::status).containsExactly(ChurnAlertStatus.OPENED);
    }

    @Test
    void figuresArrivingPastTheirDueMomentOpenAtOnce() throws Exception {
        watermark(T0 + 300 * DAY);
        in(figures("c1", 2, "600", T0, T0 + 10 * DAY)); // late: due long passed

        assertThat(alerts())
                .extracting(ChurnAlertRow::status, ChurnAlertRow::tsMs)
                .containsExactly(tuple(ChurnAlertStatus.OPENED, due(T0, 2)));
    }

    /**
     * Inputs run ahead of event time (a backfill's figures read faster than its tickets): a purchase after the due
     * moment, received before the watermark reached it, still leaves the episode in between, and a complaint after
     * the resolution does not escalate it.
     */
    @Test
    void inputsAheadOfTheWatermarkAreAppliedInEventTimeOrder() throws Exception {
        long due = due(T0, 2);
        in(figures("c1", 2, "600", T0, T0));
        in(figures("c1", 3, "900", due + 5 * DAY, due + 5 * DAY));
        in(activity("c1", Kind.COMPLAINT, due + 6 * DAY, 0));
        watermark(due + 10 * DAY);

        assertThat(alerts())
                .extracting(ChurnAlertRow::status, ChurnAlertRow::tsMs)
                .containsExactly(tuple(ChurnAlertStatus.OPENED, due), tuple(ChurnAlertStatus.RESOLVED, due + 5 * DAY));
    }

    @Test
    void theEndOfABoundedInputResolvesWhatItsEventsResolveButOpensNothing() throws Exception {
        long due = due(T0, 2);
        in(figures("c1", 2, "600", T0, T0));
        watermark(due);
        in(figures("c1", 3, "900", due + DAY, due + DAY)); // received, event time not there yet
        in(figures("c2", 2, "600", due - 100 * DAY, due - 100 * DAY));
        watermark(EndOfInput.TIME);

        assertThat(alerts())
                .extracting(ChurnAlertRow::customerId, ChurnAlertRow::status)
                .containsExactly(tuple("c1", ChurnAlertStatus.OPENED), tuple("c1", ChurnAlertStatus.RESOLVED));
    }

    @Test
    void theEndOfABoundedInputOpensNothing() throws Exception {
        in(figures("c1", 2, "600", T0, T0));
        watermark(T0 + 10 * DAY);
        watermark(EndOfInput.TIME);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void aCustomerWithNoPurchaseLeftNoAlertAndNoRecentActivityIsDropped() throws Exception {
        in(figures("c1", 2, "600", T0, T0));
        in(activity("c1", Kind.COMPLAINT, T0 + 5 * DAY, 0));
        in(figures("c1", 0, "0", 0, T0 + 6 * DAY)); // both purchases refunded out of the window
        watermark(T0 + 34 * DAY);
        assertThat(tracked.stateEntries()).isOne(); // the complaint can still escalate an alert for 30 days

        watermark(T0 + 35 * DAY);

        assertThat(tracked.stateEntries()).isZero();
        assertThat(tracked.harness().numEventTimeTimers()).isZero();

        in(activity("c2", Kind.REPEAT_CONTACT, T0 + 40 * DAY, 0)); // no figures at all
        watermark(T0 + 70 * DAY);
        assertThat(tracked.stateEntries()).isZero();
        assertThat(tracked.harness().numEventTimeTimers()).isZero();
        assertThat(alerts()).isEmpty();
    }

    /** A watermark jumping past a customer's cleanup moment while a later input of theirs waits: it ends, and keeps it. */
    @Test
    void aCleanupDueWhileAnInputWaitsLeavesItToThatInput() throws Exception {
        in(activity("c1", Kind.COMPLAINT, T0, 0));
        in(activity("c1", Kind.COMPLAINT, T0 + 40 * DAY, 0));
        watermark(T0 + 50 * DAY);
        assertThat(tracked.stateEntries()).isOne();

        watermark(T0 + 70 * DAY);
        assertThat(tracked.stateEntries()).isZero();
        assertThat(tracked.harness().numEventTimeTimers()).isZero();
    }

    @Test
    void anOpenTicketKeepsTheCustomerUntilItCloses() throws Exception {
        in(activity("c1", Kind.TICKET_OPENED, T0, 1));
        watermark(T0 + 60 * DAY);
        assertThat(tracked.stateEntries()).isOne();
        in(activity("c1", Kind.TICKET_CLOSED, T0 + 61 * DAY, 0));
        watermark(T0 + 61 * DAY + 1);
        assertThat(tracked.stateEntries()).isZero();
        assertThat(tracked.harness().numEventTimeTimers()).isZero();
    }

    @Test
    void aSnapshotKeepsTheDueTimerAndTheOpenAlert() throws Exception {
        in(figures("c1", 2, "600", T0, T0));
        in(figures("c2", 2, "600", T0 - 30 * DAY, T0 - 30 * DAY));
        watermark(due(T0 - 30 * DAY, 2)); // c2 opens
        OperatorSubtaskState snapshot = tracked.harness().snapshot(1, 1);
        tracked.harness().close();

        tracked = tracker(snapshot, 1, 0);
        watermark(due(T0, 2));
        in(figures("c2", 3, "900", T0 + 200 * DAY, T0 + 200 * DAY));
        watermark(T0 + 200 * DAY);

        assertThat(alerts())
                .extracting(ChurnAlertRow::customerId, ChurnAlertRow::status)
                .containsExactly(tuple("c1", ChurnAlertStatus.OPENED), tuple("c2", ChurnAlertStatus.RESOLVED));
    }

    @Test
    void rescaledToTwoSubtasksEachCustomerAlertsOnceWithTheCutPointsOnBoth() throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            customers.add("c" + i);
            in(figures("c" + i, 2, "600", T0 + i, T0 + i));
        }
        OperatorSubtaskState snapshot = tracked.harness().snapshot(1, 1);

        List<ChurnAlertRow> all = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState part = AbstractStreamOperatorTestHarness.repartitionOperatorState(
                    snapshot, MAX_PARALLELISM, 1, 2, subtask);
            Tracked rescaled = tracker(part, 2, subtask);
            try {
                rescaled.harness().watermark(due(T0, 2) + DAY);
                List<ChurnAlertRow> mine = rescaled.harness().extractOutputValues();
                assertThat(mine).isNotEmpty(); // both subtasks got customers, and the cut-points
                all.addAll(mine);
            } finally {
                rescaled.harness().close();
            }
        }
        assertThat(all).extracting(ChurnAlertRow::customerId).containsExactlyInAnyOrderElementsOf(customers);
        assertThat(all).extracting(ChurnAlertRow::tm).allMatch(tm -> tm.compareTo(new BigDecimal("600")) == 0);
    }
}
