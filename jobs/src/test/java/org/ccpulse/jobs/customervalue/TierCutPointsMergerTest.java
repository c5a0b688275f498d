package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.jobs.platform.EndOfInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The merger of the subtasks' sketches in Flink's keyed harness, and the cut-points against exact ranks. */
class TierCutPointsMergerTest {

    private KeyedOneInputStreamOperatorTestHarness<Long, TierSketch, TierCutPoints> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new TierCutPointsMerger(), s -> s.tick().id(), Types.LONG);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static TierSketch sketch(Tick tick, int subtask, int parallelism, long reached, double... tms) {
        KllDoublesSketch s = TierSketches.empty();
        for (double tm : tms) {
            s.update(tm);
        }
        return new TierSketch(tick, subtask, parallelism, reached, TierSketches.toBytes(s));
    }

    private void send(TierSketch s) throws Exception {
        harness.processElement(s, 0L);
    }

    private List<TierCutPoints> cuts() {
        return harness.extractOutputValues();
    }

    @Test
    void aTickCompletesOnlyOnceEverySubtasksSketchHasArrived() throws Exception {
        Tick a = new Tick(1_000, 1_000, false);
        Tick b = new Tick(2_000, 2_000, false);
        send(sketch(a, 0, 3, 900, 1, 2, 3));
        send(sketch(b, 0, 3, 1_900, 5));
        send(sketch(a, 2, 3, 950, 4));
        send(sketch(a, 0, 3, 900, 1, 2, 3)); // the same subtask again does not complete it
        assertThat(cuts()).isEmpty();

        send(sketch(a, 1, 3, 990, 5, 6));
        assertThat(cuts()).singleElement().satisfies(c -> {
            assertThat(c.asOfMs()).isEqualTo(1_000);
            assertThat(c.customers()).isEqualTo(6);
            assertThat(c.topMinTm()).isEqualByComparingTo("6");
        });
        assertThat(harness.numKeyedStateEntries()).as("only tick b's").isEqualTo(1);
    }

    @Test
    void theLastTickIsAsOfTheLatestOrderProcessedAndNoCustomersGiveNoRow() throws Exception {
        Tick last = new Tick(EndOfInput.TIME, 5_000, true);
        send(sketch(last, 0, 2, 7_000, 10));
        send(sketch(last, 1, 2, 6_500, 20));
        assertThat(cuts()).singleElement().extracting(TierCutPoints::asOfMs).isEqualTo(7_000L);

        Tick empty = new Tick(9_000, 9_000, false);
        send(sketch(empty, 0, 2, 7_000));
        send(sketch(empty, 1, 2, 7_000));
        assertThat(cuts()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void onAHundredCustomersTheCutsAreExactRanks() throws Exception {
        double[] tms = new double[100];
        for (int i = 0; i < 100; i++) {
            tms[i] = i + 1; // 1, 2, ..., 100
        }
        Tick t = new Tick(1, 1, false);
        send(sketch(t, 0, 1, 1, tms));
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
            BigDecimal[] exact = new BigDecimal[n];
            List<List<Double>> bySubtask = new ArrayList<>();
            for (int i = 0; i < parallelism; i++) {
                bySubtask.add(new ArrayList<>());
            }
            for (int i = 0; i < n; i++) {
                double amount = Math.exp(4 + 1.4 * random.nextGaussian()) * (random.nextInt(50) == 0 ? -0.3 : 1);
                exact[i] = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
                bySubtask.get(random.nextInt(parallelism)).add(exact[i].doubleValue());
            }
            Tick tick = new Tick(seed, seed, false);
            for (int s = 0; s < parallelism; s++) {
                double[] tms = bySubtask.get(s).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
                send(sketch(tick, s, parallelism, seed, tms));
            }
            TierCutPoints c = cuts().get((int) seed - 1);
            assertThat(c.customers()).isEqualTo(n);
            Arrays.sort(exact);
            worst = Math.max(worst, error(exact, c.topMinTm(), TierSketches.TOP_RANK));
            worst = Math.max(worst, error(exact, c.highMinTm(), TierSketches.HIGH_RANK));
            worst = Math.max(worst, error(exact, c.midMinTm(), TierSketches.MID_RANK));
            assertThat(Arrays.binarySearch(exact, c.topMinTm()))
                    .as("a cut is a customer's TM")
                    .isNotNegative();
        }
        System.out.printf("tier cuts on 100,000 customers, 5 seeds: worst rank error %.4f points%n", worst * 100);
        assertThat(worst).isLessThanOrEqualTo(0.005);
    }

    /** |share of customers with TM below the cut - rank|, the share of each tier being what the rank promises. */
    private static double error(BigDecimal[] sorted, BigDecimal cut, double rank) {
        int below = 0;
        while (below < sorted.length && sorted[below].compareTo(cut) < 0) {
            below++;
        }
        return Math.abs((double) below / sorted.length - rank);
    }
}
