package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.servicelevel.Contacts.ms;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.schemas.event.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveQueueStateTest {

    private KeyedOneInputStreamOperatorTestHarness<String, WaitingChange, QueueLiveRow> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LiveQueueState(Duration.ofSeconds(2), Duration.ofSeconds(30)),
                WaitingChange::queueKey,
                Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(String contact, String queuedAt, boolean waiting) throws Exception {
        harness.processElement(new StreamRecord<>(
                new WaitingChange("billing", Channel.VOICE, contact, ms(queuedAt), waiting), ms(queuedAt)));
    }

    @Test
    void countsWhoIsWaitingAndSinceWhenAndForgetsAnEmptyQueue() throws Exception {
        send("c1", "2026-11-24T09:00:00Z", true);
        send("c2", "2026-11-24T09:00:30Z", true);
        send("c3", "2026-11-24T09:01:00Z", true);
        harness.setProcessingTime(2_000);

        send("c1", "2026-11-24T09:00:00Z", false);
        harness.setProcessingTime(4_000);

        send("c2", "2026-11-24T09:00:30Z", false);
        send("c3", "2026-11-24T09:01:00Z", false);
        harness.setProcessingTime(6_000);

        List<QueueLiveRow> rows = harness.extractOutputValues();
        assertThat(rows).extracting(r -> r.waiting).containsExactly(3L, 2L, 0L);
        assertThat(rows)
                .extracting(r -> r.oldestQueuedAtMs)
                .containsExactly(ms("2026-11-24T09:00:00Z"), ms("2026-11-24T09:00:30Z"), null);
        assertThat(rows).extracting(r -> r.asOfMs).containsExactly(2_000L, 4_000L, 6_000L);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aContactItNeverHeldLeavingStillWritesTheQueuesRow() throws Exception {
        // A resumed job whose contact tracker saw a contact's exit before its QUEUED: the queue holds nothing for
        // it, but the row a stopped run wrote (counting that contact) must be replaced by what the queue holds.
        send("c9", "2026-11-24T09:00:00Z", false);
        harness.setProcessingTime(2_000);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.waiting).isZero();
            assertThat(r.oldestQueuedAtMs).isNull();
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void whileAnyoneWaitsTheRowIsWrittenAgainSoTheViewKnowsItIsCurrent() throws Exception {
        send("c1", "2026-11-24T09:00:00Z", true);
        harness.setProcessingTime(2_000);
        harness.setProcessingTime(31_999);
        assertThat(harness.extractOutputValues()).extracting(r -> r.asOfMs).containsExactly(2_000L);

        harness.setProcessingTime(32_000);
        harness.setProcessingTime(62_000);
        assertThat(harness.extractOutputValues()).extracting(r -> r.waiting).containsExactly(1L, 1L, 1L);
        assertThat(harness.extractOutputValues()).extracting(r -> r.asOfMs).containsExactly(2_000L, 32_000L, 62_000L);

        // a change is still written after the flush interval, not at the next refresh
        send("c1", "2026-11-24T09:00:00Z", false);
        harness.setProcessingTime(64_000);
        assertThat(harness.extractOutputValues()).extracting(r -> r.waiting).containsExactly(1L, 1L, 1L, 0L);

        // an empty queue is forgotten: no state, no timer, no more rows
        harness.setProcessingTime(200_000);
        assertThat(harness.extractOutputValues()).hasSize(4);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
