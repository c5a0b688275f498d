package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.servicelevel.Contacts.answered;
import static org.ccpulse.jobs.servicelevel.Contacts.completed;
import static org.ccpulse.jobs.servicelevel.Contacts.ms;
import static org.ccpulse.jobs.servicelevel.Contacts.queued;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactTrackerTest {

    private static final Duration LATENESS = Duration.ofHours(2);
    private static final Duration MAX_WAITING = Duration.ofHours(24);

    private KeyedOneInputStreamOperatorTestHarness<String, ContactEvent, QueueFact> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ContactTracker(LATENESS, MAX_WAITING), ContactEvent::contactId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(ContactEvent e) throws Exception {
        harness.processElement(new StreamRecord<>(e, e.ts().toEpochMilli()));
    }

    @Test
    void anAnsweredContactWaitsThenLeavesWithItsExactWaitAndHandleTime() throws Exception {
        send(queued("e1", "c1", "billing", Channel.VOICE, "2026-11-24T09:00:00Z"));
        assertThat(waitingChanges()).singleElement().satisfies(w -> {
            assertThat(w.waiting).isTrue();
            assertThat(w.queuedAtMs).isEqualTo(ms("2026-11-24T09:00:00Z"));
        });

        send(answered("e2", "c1", "billing", Channel.VOICE, "2026-11-24T09:00:00Z", "2026-11-24T09:00:20.250Z"));
        send(completed("e3", "c1", "billing", Channel.VOICE, "2026-11-24T09:05:00Z", 240, 15.5, 44.5));

        List<QueueFact> facts = harness.extractOutputValues();
        assertThat(facts).extracting(f -> f.kind).containsExactly(QueueFact.Kind.ANSWERED, QueueFact.Kind.COMPLETED);
        assertThat(facts.get(0).durationNanos)
                .isEqualTo(Duration.ofMillis(20_250).toNanos());
        assertThat(facts.get(0).tsMs).isEqualTo(ms("2026-11-24T09:00:20.250Z"));
        assertThat(facts.get(1).durationNanos).isEqualTo(Duration.ofSeconds(300).toNanos());
        assertThat(waitingChanges()).extracting(w -> w.waiting).containsExactly(true, false);
    }

    @Test
    void anExitSeenBeforeItsQueuedMeansTheContactNeverShowsAsWaiting() throws Exception {
        send(answered("e2", "c1", "billing", Channel.VOICE, "2026-11-24T09:00:00Z", "2026-11-24T09:00:05Z"));
        assertThat(waitingChanges()).isEmpty();

        send(queued("e1", "c1", "billing", Channel.VOICE, "2026-11-24T09:00:00Z"));

        assertThat(harness.extractOutputValues()).hasSize(1);
        // its queue hears it is not waiting: after a restart, that rewrites a row the stopped run wrote when it
        // had seen the QUEUED and not yet the exit
        assertThat(waitingChanges()).singleElement().satisfies(w -> {
            assertThat(w.waiting).isFalse();
            assertThat(w.queueKey()).isEqualTo(QueueKeys.of("billing", Channel.VOICE));
            assertThat(w.contactId).isEqualTo("c1");
        });
    }

    @Test
    void stateIsDroppedOnceNoEventOfTheContactCanStillBeAccepted() throws Exception {
        send(queued("e1", "c1", "billing", Channel.VOICE, "2026-11-24T09:00:00Z"));
        send(answered("e2", "c1", "billing", Channel.VOICE, "2026-11-24T09:00:00Z", "2026-11-24T09:00:10Z"));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(new Watermark(ms("2026-11-24T11:00:09Z")));
        assertThat(harness.numKeyedStateEntries())
                .as("still inside the allowed lateness")
                .isPositive();

        harness.processWatermark(new Watermark(ms("2026-11-24T11:00:10Z")));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aContactWhoseExitIsLostIsGivenUpOnAfterTheLongestWait() throws Exception {
        send(queued("e1", "c1", "email", Channel.EMAIL, "2026-11-24T09:00:00Z"));

        harness.processWatermark(new Watermark(ms("2026-11-24T12:00:00Z")));
        assertThat(waitingChanges())
                .extracting(w -> w.waiting)
                .as("still waiting after the lateness")
                .containsExactly(true);

        harness.processWatermark(new Watermark(ms("2026-11-25T09:00:00Z")));
        assertThat(waitingChanges()).extracting(w -> w.waiting).containsExactly(true, false);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    private List<WaitingChange> waitingChanges() {
        var side = harness.getSideOutput(ContactTracker.WAITING);
        return side == null
                ? List.of()
                : side.stream().map(StreamRecord::getValue).toList();
    }
}
