package org.ccpulse.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitingLogTest {

    @Test
    void aChangeIsVisibleWhenAPollFirstShowsTheStateAfterItOrALaterOne() {
        WaitingLog log = new WaitingLog();
        log.queued("k", 1_000); // 1 waiting since 1,000
        log.queued("k", 1_100); // 2 since 1,000
        log.left("k", 1_000, 1_200); // 1 since 1,100
        log.queued("other", 1_050);

        log.visible("k", new WaitingLog.State(2, 1_000L), 1_500); // the first two
        log.visible("other", new WaitingLog.State(1, 1_050L), 1_500);
        log.visible("k", new WaitingLog.State(1, 1_100L), 2_000); // the third

        assertThat(log.latencies(0, Long.MAX_VALUE).sortedMillis()).containsExactly(400, 450, 500, 800);
        assertThat(log.allVisible()).isTrue();
    }

    @Test
    void aRecurringStateCountsAsNoProgressSoLatenciesErrLateNotEarly() {
        WaitingLog log = new WaitingLog();
        log.queued("k", 1_000); // (1, 1,000)
        log.queued("k", 1_100); // (2, 1,000)
        log.left("k", 1_100, 1_200); // (1, 1,000) again
        log.visible("k", new WaitingLog.State(1, 1_000L), 1_300);
        // The job may have applied all three; the same state again proves nothing.
        log.visible("k", new WaitingLog.State(1, 1_000L), 1_400);

        FreshnessLog.Latencies latencies = log.latencies(0, Long.MAX_VALUE);
        assertThat(latencies.sortedMillis()).containsExactly(300);
        assertThat(latencies.unseen()).isEqualTo(2);
        assertThat(log.allVisible()).isFalse();
    }

    @Test
    void anEmptyQueueAndTheMeasuredSpan() {
        WaitingLog log = new WaitingLog();
        log.queued("k", 100); // warm-up
        log.left("k", 100, 2_000); // nobody waits
        log.queued("k", 3_000);
        log.visible("k", new WaitingLog.State(0, null), 2_300);

        FreshnessLog.Latencies l = log.latencies(1_000, Long.MAX_VALUE);

        assertThat(l.sortedMillis()).containsExactly(300);
        assertThat(l.unseen()).isEqualTo(1);
        assertThat(log.latencies(0, 1_000).sortedMillis()).containsExactly(2_200);
    }
}
