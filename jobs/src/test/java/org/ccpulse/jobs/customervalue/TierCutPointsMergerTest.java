package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.jobs.platform.EndOfInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The merger of the subtasks' sketches in Flink's keyed harness, and the cut-points against exact ranks. */
class TierCutPointsMergerTest {

    private KeyedTwoInputStreamOperatorTestHarness<Long, TierSketch, CustomerFigures, TierCutPoints> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new TierCutPointsMerger(), s -> s.tick().watermarkMs(), f -> EndOfInput.TIME, Types.LONG);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** A subtask's sketch of a tick, its figures standing at the tick's watermark. */
    private static TierSketch sketch(long tick, int subtask, int parallelism, double... tms) {
        return sketchAsOf(tick, tick, subtask, parallelism, tms);
    }

    private static TierSketch sketchAsOf(long tick, long asOf, int subtask, int parallelism, double... tms) {
        KllDoublesSketch s = TierSketches.empty();
        for (double tm : tms) {
            s.update(tm);
        }
        return new TierSketch(new Tick(tick), asOf, subtask, parallelism, TierSketches.toBytes(s));
    }

    private void send(TierSketch s) throws Exception {
        harness.processElement1(s, 0L);
    }

    private List<TierCutPoints> cuts() {
        return harness.extractOutputValues();
    }

    @Test
    void aTickCompletesOnlyOnceEverySubtasksSketchHasArrived() throws Exception {
        send(sketch(1_000, 0, 3, 1, 2, 3));
        send(sketch(2_000, 0, 3, 5));
        send(sketch(1_000, 2, 3, 4));
        send(sketch(1_000, 0, 3, 1, 2, 3)); // the same subtask again does not complete it
        assertThat(cuts()).isEmpty();

        send(sketch(1_000, 1, 3, 5, 6));
        assertThat(cuts()).singleElement().satisfies(c -> {
            assertThat(c.asOfMs()).isEqualTo(1_000);
            assertThat(c.customers()).isEqualTo(6);
            assertThat(c.topMinTm()).isEqualByComparingTo("6");
        });
        assertThat(harness.numKeyedStateEntries()).as("only the other tick's").isEqualTo(1);

        send(sketch(3_000, 0, 1)); // no customer ranked: no row
        assertThat(cuts()).hasSize(1);
    }

    @Test
    void cutPointsAreAsOfTheLatestSubtaskFiguresAndNoneBeforeEverySubtaskHasAWatermark() throws Exception {
        // A backfill's watermark jumped to 9,000; the subtasks' figures stood at 4,000 and 3,000 when they sketched.
        send(sketchAsOf(9_000, 4_000, 0, 2, 1, 2));
        send(sketchAsOf(9_000, 3_000, 1, 2, 3));
        assertThat(cuts()).singleElement().satisfies(c -> {
            assertThat(c.asOfMs()).as("not the tick's 9,000").isEqualTo(4_000);
            assertThat(c.customers()).isEqualTo(3);
        });

        // A restored run's first tick: one subtask has restored figures but no watermark yet.
        send(sketchAsOf(500, Long.MIN_VALUE, 0, 2, 1, 2));
        send(sketchAsOf(500, 400, 1, 2, 3));
        assertThat(cuts()).as("no cut-points as of before time began").hasSize(1);
        assertThat(harness.numKeyedStateEntries()).as("both ticks forgotten").isZero();
    }

    @Test
    void theLastCutPointsComeFromEveryCustomersFiguresAtTheEndAsOfTheLatestChange() throws Exception {
        harness.processElement2(new CustomerFigures("a", 2, new BigDecimal("30.00"), 5_000, 6_000, 6_000_000), 0L);
        harness.processElement2(new CustomerFigures("b", 1, new BigDecimal("10.00"), 7_000, 7_000, 7_000_000), 0L);
        harness.processElement2(
                new CustomerFigures("c", 0, new BigDecimal("-4.00"), CustomerFigures.NONE, 9_000, 9_000_000), 0L);
        harness.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(8_000));
        harness.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(8_000));
        assertThat(cuts()).as("not before the end").isEmpty();

        harness.processWatermark1(new org.apache.flink.streaming.api.watermark.Watermark(EndOfInput.TIME));
        harness.processWatermark2(new org.apache.flink.streaming.api.watermark.Watermark(EndOfInput.TIME));
        assertThat(cuts()).singleElement().satisfies(c -> {
            assertThat(c.asOfMs()).as("the refund of c, the last event").isEqualTo(9_000);
            assertThat(c.customers()).as("c has no purchase: not ranked").isEqualTo(2);
            assertThat(c.topMinTm()).isEqualByComparingTo("30");
        });
    }

    @Test
    void onAHundredCustomersTheCutsAreExactRanks() throws Exception {
        double[] tms = new double[100];
        for (int i = 0; i < 100; i++) {
            tms[i] = i + 1; // 1, 2, ..., 100
        }
        send(sketch(1, 0, 1, tms));
        TierCutPoints c = cuts().get(0);
        // top 1 % = the 1 best, high 4 % = the next 4, mid 15 % = the next 15
        assertThat(c.topMinTm()).isEqualByComparingTo("100");
        assertThat(c.highMinTm()).isEqualByComparingTo("96");
        assertThat(c.midMinTm()).isEqualByComparingTo("81");
        assertThat(c.tierOf(new BigDecimal("95.99")).wire()).isEqualTo("mid");
    }

    /**
     * 100,000 heavy-tailed TMs (log-normal, a few refunds below zero), spread over 4 subtasks' sketches and merged: each
     * cut's share of customers below it is within 0.5 points of its rank, for several seeds.
     */
    @Test
    void tiersOfAHundredThousandCustomersAreWithinHalfAPointOfTheExactRanks() throws Exception {
        double worst = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            int n = 100_000;
            int parallelism = 4;
            List<BigDecimal> exact = new ArrayList<>();
            List<List<Double>> bySubtask = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                bySubtask.add(new ArrayList<>());
            }
            for (int i = 0; i < n; i++) {
                double amount = Math.exp(4 + 1.4 * random.nextGaussian()) * (random.nextInt(50) == 0 ? -0.3 : 1);
                BigDecimal tm = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
                exact.add(tm);
                bySubtask.get(random.nextInt(parallelism)).add(tm.doubleValue());
            }
            for (int s = 0; s < parallelism; s++) {
                double[] tms = bySubtask.get(s).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
                send(sketch(seed, s, parallelism, tms));
            }
            TierCutPoints c = cuts().get((int) seed - 1);
            assertThat(c.customers()).isEqualTo(n);
            exact.sort(null);
            worst = Math.max(worst, error(exact, c.topMinTm(), TierSketches.TOP_RANK));
            worst = Math.max(worst, error(exact, c.highMinTm(), TierSketches.HIGH_RANK));
            worst = Math.max(worst, error(exact, c.midMinTm(), TierSketches.MID_RANK));
            for (BigDecimal cut : List.of(c.topMinTm(), c.highMinTm(), c.midMinTm())) {
                assertThat(exact).as("a cut is a customer's TM").anyMatch(tm -> tm.compareTo(cut) == 0);
            }
        }
        System.out.printf("tier cuts on 100,000 customers, 5 seeds: worst rank error %.4f points%n", worst * 100);
        assertThat(worst).isLessThanOrEqualTo(0.005);
    }

    /** |share of customers with TM below the cut - rank|: how far the tiers' sizes are from what the rank promises. */
    private static double error(List<BigDecimal> ascending, BigDecimal cut, double rank) {
        return Math.abs(RfmRecomputation.shareBelow(ascending, cut) - rank);
    }
}
