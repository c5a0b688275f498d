package org.ccpulse.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreshnessLogTest {

    @Test
    void theNthExitOfAKeyIsVisibleWhenTheCountFirstReachesN() {
        FreshnessLog log = new FreshnessLog();
        log.produced("billing|voice", 1_000);
        log.produced("billing|voice", 1_100);
        log.produced("billing|voice", 1_200);
        log.produced("sales|chat", 1_050);
        log.visible("billing|voice", 1, 1_500);
        log.visible("sales|chat", 1, 1_500);
        log.visible("billing|voice", 3, 2_500);

        FreshnessLog.Latencies l = log.latencies(0, Long.MAX_VALUE);

        assertThat(l.sortedMillis()).containsExactly(450, 500, 1_300, 1_400);
        assertThat(l.unseen()).isZero();
        assertThat(l.excess()).isZero();
        assertThat(log.allVisible()).isTrue();
    }

    @Test
    void countsNeverGoBackAndExitsBeforeTheMeasuredSpanAreLeftOut() {
        FreshnessLog log = new FreshnessLog();
        log.produced("k", 100); // warm-up
        log.produced("k", 2_000);
        log.produced("k", 2_100);
        log.visible("k", 2, 2_600);
        log.visible("k", 1, 2_700); // an older snapshot answering late must not lower the count

        FreshnessLog.Latencies l = log.latencies(1_000, Long.MAX_VALUE);

        assertThat(l.sortedMillis()).containsExactly(600);
        assertThat(l.unseen()).isEqualTo(1);
        assertThat(log.allVisible()).isFalse();
    }

    @Test
    void aSpanOfEventTimeSelectsItsExitsOnly() {
        FreshnessLog log = new FreshnessLog();
        log.produced("k", 1_000);
        log.produced("k", 2_000);
        log.produced("k", 3_000);
        log.visible("k", 3, 3_500);

        assertThat(log.latencies(2_000, 3_000).sortedMillis()).containsExactly(1_500);
    }

    @Test
    void moreExitsVisibleThanSentIsReportedAsExcess() {
        FreshnessLog log = new FreshnessLog();
        log.produced("k", 100);
        log.visible("k", 2, 500);
        log.visible("other", 1, 500);

        assertThat(log.latencies(0, Long.MAX_VALUE).excess()).isEqualTo(2);
    }

    @Test
    void percentilesAreValuesOfTheSampleByNearestRank() {
        long[] oneToHundred = java.util.stream.LongStream.rangeClosed(1, 100).toArray();
        assertThat(Percentiles.nearestRank(oneToHundred, 50)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(oneToHundred, 99)).isEqualTo(99);
        assertThat(Percentiles.nearestRank(oneToHundred, 100)).isEqualTo(100);
        assertThat(Percentiles.nearestRank(new long[] {7, 9}, 50)).isEqualTo(7);
        assertThat(Percentiles.nearestRank(new long[] {7, 9}, 90)).isEqualTo(9);
    }
}
