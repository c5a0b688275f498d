package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ccpulse.jobs.customervalue.Orders.DAY;
import static org.ccpulse.jobs.customervalue.Orders.HOUR;
import static org.ccpulse.jobs.customervalue.Orders.ms;
import static org.ccpulse.jobs.customervalue.Orders.purchase;
import static org.ccpulse.jobs.customervalue.Orders.refund;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.Order;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RFM tracker in Flink's keyed (broadcast) operator harness: a 365-day window, 2 h allowed lateness. */
class RfmTrackerTest {

    static final long T0 = ms("2026-01-05T10:00:00Z");
    static final long YEAR = 365 * DAY;
    static final long LATENESS = 2 * HOUR;

    private KeyedBroadcastOperatorTestHarness<String, Order, Tick, CustomerFigures> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    static KeyedBroadcastOperatorTestHarness<String, Order, Tick, CustomerFigures> harness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                tracker(), Order::customerId, Types.STRING);
    }

    /** A tracker as subtask {@code subtask} of {@code parallelism}, restored from {@code snapshot} unless null. */
    static KeyedBroadcastOperatorTestHarness<String, Order, Tick, CustomerFigures> restored(
            OperatorSubtaskState snapshot, int maxParallelism, int parallelism, int subtask) throws Exception {
        var restored = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(tracker(), List.of()),
                Order::customerId,
                Types.STRING,
                maxParallelism,
                parallelism,
                subtask);
        restored.setup();
        if (snapshot != null) {
            restored.initializeState(snapshot);
        }
        restored.open();
        return restored;
    }

    static RfmTracker tracker() {
        return new RfmTracker(Duration.ofDays(365), Duration.ofMillis(LATENESS));
    }

    /** The harness's watermark, as this test moved it. */
    private long watermark = Long.MIN_VALUE;

    /**
     * An order as a source on time delivers it: the watermark follows it to its ts (an order behind the watermark is
     * late, and applied at once; one ahead of it waits for it, see {@link #anOrderAheadOfTheWatermarkWaitsForIt}).
     */
    private void order(Order o) throws Exception {
        long ts = o.ts().toEpochMilli();
        harness.processElement(o, ts);
        if (ts > watermark) {
            watermark(ts);
        }
    }

    private void watermark(long ms) throws Exception {
        watermark = Math.max(watermark, ms);
        harness.watermark(ms);
    }

    private List<CustomerFigures> figures() {
        return harness.extractOutputValues();
    }

    private CustomerFigures latest() {
        List<CustomerFigures> all = figures();
        return all.get(all.size() - 1);
    }

    private int stateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void aPurchaseARefundThatLowersTmButNotFAndASecondPurchase() throws Exception {
        order(purchase("c1", T0, "100.00"));
        CustomerFigures one = latest();
        assertThat(one.f()).isEqualTo(1);
        assertThat(one.tm()).isEqualByComparingTo("100.00");
        assertThat(one.lastPurchaseMs()).isEqualTo(T0);
        assertThat(one.asOfMs()).isEqualTo(T0);
        assertThat(one.version()).isEqualTo(T0 * 1000);
        assertThat(one.periodDays()).as("F = 1: P is the whole year").isEqualTo(365.0);
        assertThat(one.recencyDays(T0 + 10 * DAY)).isEqualTo(10.0);

        order(refund("c1", T0 + DAY, "30.10"));
        assertThat(latest())
                .extracting(CustomerFigures::f, CustomerFigures::tm, CustomerFigures::lastPurchaseMs)
                .containsExactly(1, new BigDecimal("69.90"), T0);

        order(purchase("c1", T0 + 10 * DAY, "50.25"));
        CustomerFigures two = latest();
        assertThat(two.f()).isEqualTo(2);
        assertThat(two.tm()).isEqualTo(new BigDecimal("120.15")); // exact, scale of the amounts
        assertThat(two.lastPurchaseMs()).isEqualTo(T0 + 10 * DAY);
        assertThat(two.periodDays()).isEqualTo(182.5);
        assertThat(figures()).hasSize(3);
    }

    @Test
    void changesInTheSameMillisecondGetConsecutiveVersions() throws Exception {
        order(purchase("c1", T0, "10.00"));
        order(purchase("c1", T0, "20.00"));
        order(refund("c1", T0, "5.00"));
        assertThat(figures())
                .extracting(CustomerFigures::version)
                .containsExactly(T0 * 1000, T0 * 1000 + 1, T0 * 1000 + 2);
    }

    @Test
    void aPurchaseLeavingTheWindowChangesTheFiguresAtItsExpiryWithoutAnotherOrder() throws Exception {
        order(purchase("c1", T0, "100.00"));
        order(purchase("c1", T0 + 100 * DAY, "40.00"));
        order(refund("c1", T0 + 200 * DAY, "15.00"));
        watermark(T0 + YEAR - 1);
        assertThat(figures()).hasSize(3);

        watermark(T0 + YEAR);
        CustomerFigures after = latest();
        assertThat(after.f()).isEqualTo(1);
        assertThat(after.tm()).isEqualByComparingTo("25.00");
        assertThat(after.periodDays()).isEqualTo(365.0);
        assertThat(after.lastPurchaseMs()).isEqualTo(T0 + 100 * DAY);
        assertThat(after.asOfMs()).as("the moment it left, not the watermark").isEqualTo(T0 + YEAR);
        assertThat(after.version()).isEqualTo((T0 + YEAR) * 1000);

        // Event time jumps past the next two expiries at once: each is its own change, at its own moment.
        watermark(T0 + 200 * DAY + YEAR + DAY);
        assertThat(figures().subList(4, figures().size()))
                .extracting(CustomerFigures::asOfMs, CustomerFigures::f, c -> c.tm().toPlainString())
                .containsExactly(tuple(T0 + 100 * DAY + YEAR, 0, "-15.00"), tuple(T0 + 200 * DAY + YEAR, 0, "0"));
    }

    @Test
    void anOrderAheadOfTheWatermarkWaitsForItAndOrdersApplyInTsOrderEachAsOfItsOwnTime() throws Exception {
        order(purchase("c1", T0, "100.00"));
        // Two orders reach the tracker before the watermark, the later one first (two intake subtasks, one behind).
        harness.processElement(purchase("c1", T0 + 20 * DAY, "20.00"), T0 + 20 * DAY);
        harness.processElement(purchase("c1", T0 + 10 * DAY, "10.00"), T0 + 10 * DAY);
        assertThat(figures()).as("held until the watermark passes them").hasSize(1);

        watermark(T0 + 30 * DAY);
        assertThat(figures())
                .extracting(CustomerFigures::asOfMs, CustomerFigures::f, CustomerFigures::lastPurchaseMs)
                .containsExactly(
                        tuple(T0, 1, T0),
                        tuple(T0 + 10 * DAY, 2, T0 + 10 * DAY),
                        tuple(T0 + 20 * DAY, 3, T0 + 20 * DAY));
    }

    @Test
    void anExpiryBeforeAHeldOrderIsItsOwnChangeAtItsOwnMoment() throws Exception {
        order(purchase("c1", T0, "100.00"));
        harness.processElement(purchase("c1", T0 + YEAR + DAY, "7.00"), T0 + YEAR + DAY);
        watermark(T0 + YEAR + DAY);
        assertThat(figures())
                .extracting(CustomerFigures::asOfMs, CustomerFigures::f, c -> c.tm().toPlainString())
                .containsExactly(tuple(T0, 1, "100.00"), tuple(T0 + YEAR, 0, "0"), tuple(T0 + YEAR + DAY, 1, "7.00"));
        assertThat(harness.numEventTimeTimers())
                .as("only the new purchase's expiry")
                .isEqualTo(1);
    }

    @Test
    void anOrderAtAnExpirysMomentDropsTheExpiredOrderInOneChange() throws Exception {
        order(purchase("c1", T0, "100.00"));
        order(purchase("c1", T0 + YEAR, "7.00"));
        assertThat(figures())
                .extracting(CustomerFigures::asOfMs, CustomerFigures::f, c -> c.tm().toPlainString())
                .containsExactly(tuple(T0, 1, "100.00"), tuple(T0 + YEAR, 1, "7.00"));
    }

    @Test
    void heldOrdersAreAppliedAtTheEndOfTheInputAndTheFiguresHandedOnOnce() throws Exception {
        order(purchase("c1", T0, "100.00"));
        harness.processElement(purchase("c1", T0 + DAY, "5.00"), T0 + DAY);
        harness.processElement(purchase("c1", T0 + 2 * DAY, "6.00"), T0 + 2 * DAY);
        watermark(EndOfInput.TIME);
        assertThat(figures()).extracting(CustomerFigures::f).containsExactly(1, 2, 3);
        assertThat(harness.getSideOutput(RfmTracker.AT_END))
                .singleElement()
                .satisfies(r -> assertThat(r.getValue().f()).isEqualTo(3));
    }

    @Test
    void aLateOrderIsPlacedByItsTsAndLeavesTheWindowAtItsOwnTime() throws Exception {
        order(purchase("c1", T0 + 2 * HOUR, "20.00"));
        watermark(T0 + HOUR + 30 * 60_000L);
        order(purchase("c1", T0, "10.00")); // 1.5 h late, within the lateness: the oldest order now
        CustomerFigures late = latest();
        assertThat(late.f()).isEqualTo(2);
        assertThat(late.tm()).isEqualByComparingTo("30.00");
        assertThat(late.lastPurchaseMs()).as("still the later purchase").isEqualTo(T0 + 2 * HOUR);
        assertThat(late.asOfMs())
                .as("the customer's event time does not go back")
                .isEqualTo(T0 + 2 * HOUR);
        assertThat(late.version()).isEqualTo((T0 + 2 * HOUR) * 1000 + 1);

        watermark(T0 + YEAR);
        assertThat(latest())
                .extracting(CustomerFigures::f, c -> c.tm().toPlainString(), CustomerFigures::asOfMs)
                .containsExactly(1, "20.00", T0 + YEAR);
        watermark(T0 + 2 * HOUR + YEAR);
        assertThat(latest().f()).isZero();
    }

    @Test
    void aCustomerWhoseOrdersAllLeftIsWrittenOnceMoreWithNothingThenForgotten() throws Exception {
        order(purchase("c1", T0, "100.00"));
        order(refund("c1", T0 + DAY, "100.00"));
        watermark(T0 + YEAR + DAY);
        assertThat(latest())
                .extracting(
                        CustomerFigures::f,
                        CustomerFigures::tm,
                        CustomerFigures::lastPurchaseMs,
                        CustomerFigures::asOfMs)
                .containsExactly(0, BigDecimal.ZERO, CustomerFigures.NONE, T0 + YEAR + DAY);
        long lastVersion = latest().version();
        assertThat(stateEntries()).as("kept for the allowed lateness").isPositive();

        watermark(T0 + YEAR + DAY + LATENESS);
        assertThat(stateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(figures()).hasSize(4);

        // Any order the intake lets through now is later than the last row: a higher version.
        order(purchase("c1", T0 + YEAR + DAY + 1, "5.00"));
        assertThat(latest().version()).isGreaterThan(lastVersion);
    }

    @Test
    void aLateOrderAfterTheLastRowContinuesItsVersions() throws Exception {
        order(purchase("c1", T0, "100.00"));
        watermark(T0 + YEAR + HOUR);
        CustomerFigures empty = latest();
        assertThat(empty.f()).isZero();
        // ts before the expiry, still within the lateness of the watermark
        order(purchase("c1", T0 + YEAR - HOUR / 2, "3.00"));
        CustomerFigures again = latest();
        assertThat(again.asOfMs()).isEqualTo(T0 + YEAR);
        assertThat(again.version()).isEqualTo(empty.version() + 1);
        assertThat(again.f()).isEqualTo(1);
    }

    @Test
    void theEndOfTheInputExpiresNothingAndHandsEachCustomersFiguresToTheLastTiers() throws Exception {
        order(purchase("c1", T0, "100.00"));
        order(purchase("c2", T0 + DAY, "10.00"));
        order(refund("c2", T0 + DAY + 1, "10.00"));
        watermark(T0 + 2 * DAY);
        watermark(EndOfInput.TIME);
        assertThat(figures()).hasSize(3).allSatisfy(c -> assertThat(c.f()).isEqualTo(1));
        assertThat(harness.getSideOutput(RfmTracker.AT_END))
                .extracting(
                        r -> r.getValue().customerId(), r -> r.getValue().tm().toPlainString())
                .containsExactlyInAnyOrder(tuple("c1", "100.00"), tuple("c2", "0.00"));
        assertThat(stateEntries()).isPositive();
    }

    @Test
    void aRestoredTrackerKeepsItsOrdersAndTimers() throws Exception {
        order(purchase("c1", T0, "100.00"));
        order(purchase("c1", T0 + DAY, "1.50"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = restored(snapshot, 1, 1, 0);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        watermark(T0 + YEAR);
        assertThat(figures())
                .singleElement()
                .extracting(
                        CustomerFigures::f,
                        c -> c.tm().toPlainString(),
                        CustomerFigures::asOfMs,
                        CustomerFigures::version)
                .containsExactly(1, "1.50", T0 + YEAR, (T0 + YEAR) * 1000);
    }

    @Test
    void aTickSketchesTheTmOfTheSubtasksCustomersWithAPurchase() throws Exception {
        order(purchase("c1", T0, "100.00"));
        order(purchase("c2", T0, "10.00"));
        order(purchase("c3", T0, "1.00"));
        order(refund("c3", T0 + DAY, "1.00"));
        order(refund("c4", T0 + DAY, "8.00")); // no purchase in the window: not ranked
        harness.processBroadcastElement(new Tick(T0 + DAY), T0 + DAY);

        List<StreamRecord<TierSketch>> out = List.copyOf(harness.getSideOutput(RfmTracker.SKETCHES));
        assertThat(out).hasSize(1);
        TierSketch s = out.get(0).getValue();
        assertThat(s.tick()).isEqualTo(new Tick(T0 + DAY));
        assertThat(s.asOfMs()).as("the tracker's watermark").isEqualTo(T0 + DAY);
        assertThat(s.subtask()).isZero();
        assertThat(s.parallelism()).isEqualTo(1);
        KllDoublesSketch sketch = TierSketches.fromBytes(s.sketch());
        assertThat(sketch.getN()).isEqualTo(3);
        assertThat(sketch.getMinItem()).isEqualTo(0.0);
        assertThat(sketch.getMaxItem()).isEqualTo(100.0);
    }

    @Test
    void aTickAheadOfTheTrackersWatermarkIsAnsweredWithTheFiguresAsTheyStandAtIt() throws Exception {
        order(purchase("c1", T0, "100.00"));
        // Read ahead of the watermark (a backfill's fetch): waits for it, so it is not among the figures yet.
        harness.processElement(purchase("c2", T0 + 20 * DAY, "10.00"), T0 + 20 * DAY);
        // TierTicks' watermark is already 30 days on; this subtask's is still at T0.
        harness.processBroadcastElement(new Tick(T0 + 30 * DAY), T0 + 30 * DAY);

        TierSketch s = harness.getSideOutput(RfmTracker.SKETCHES).poll().getValue();
        assertThat(s.asOfMs()).isEqualTo(T0);
        assertThat(TierSketches.fromBytes(s.sketch()).getN()).as("c1 only").isEqualTo(1);
    }

    @Test
    void rescaledToTwoSubtasksEachCustomerKeepsItsOrdersAndExpiryOnOne() throws Exception {
        harness.close();
        harness = restored(null, 128, 1, 0);
        for (int i = 0; i < 20; i++) {
            order(purchase("c" + i, T0 + i, "10.00"));
        }
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);

        List<CustomerFigures> expired = new ArrayList<>();
        long sketched = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            var part = restored(
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, 128, 1, 2, subtask),
                    128,
                    2,
                    subtask);
            try {
                part.processBroadcastElement(new Tick(T0 + DAY), T0 + DAY);
                long mine = TierSketches.fromBytes(part.getSideOutput(RfmTracker.SKETCHES)
                                .poll()
                                .getValue()
                                .sketch())
                        .getN();
                assertThat(mine).as("subtask %d has customers", subtask).isPositive();
                sketched += mine;
                part.watermark(T0 + YEAR + 19);
                expired.addAll(part.extractOutputValues());
            } finally {
                part.close();
            }
        }
        assertThat(sketched).as("every customer sketched once").isEqualTo(20);
        assertThat(expired)
                .as("each purchase leaves the window once, at its own moment, with no further order")
                .extracting(CustomerFigures::customerId, CustomerFigures::f, CustomerFigures::asOfMs)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20)
                        .mapToObj(i -> tuple("c" + i, 0, T0 + i + YEAR))
                        .toList());
    }
}
