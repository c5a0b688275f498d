package org.ccpulse.jobs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {

    /** An event as far as deduplication cares: its id and ts. */
    record Event(String id, Instant ts) {}

    private static final Duration LATENESS = Duration.ofHours(2);
    private KeyedOneInputStreamOperatorTestHarness<String, Event, Event> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new Deduplicator<Event>(LATENESS, Event::ts), Event::id, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(String id, String ts) throws Exception {
        Instant t = Instant.parse(ts);
        harness.processElement(new StreamRecord<>(new Event(id, t), t.toEpochMilli()));
    }

    @Test
    void aRedeliveredEventIsDroppedAndAnotherEventIsNot() throws Exception {
        send("e1", "2026-11-24T09:00:00Z");
        send("e1", "2026-11-24T09:00:00Z");
        send("e2", "2026-11-24T09:00:00Z");
        send("e1", "2026-11-24T10:30:00Z"); // the same id later still is the same event

        assertThat(harness.extractOutputValues()).extracting(Event::id).containsExactly("e1", "e2");
    }

    @Test
    void anIdIsForgottenOnceACopyWouldBeTooLateAnyway() throws Exception {
        send("e1", "2026-11-24T09:00:00Z");
        send("e2", "2026-11-24T09:30:00Z");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(
                new Watermark(Instant.parse("2026-11-24T10:59:59.999Z").toEpochMilli()));
        assertThat(harness.numKeyedStateEntries())
                .as("a copy of e1 would still be accepted")
                .isEqualTo(2);

        harness.processWatermark(
                new Watermark(Instant.parse("2026-11-24T11:00:00Z").toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        harness.processWatermark(
                new Watermark(Instant.parse("2026-11-24T11:30:00Z").toEpochMilli()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
