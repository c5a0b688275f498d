package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.servicelevel.Contacts.ms;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.schemas.event.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueMinuteAggregatorTest {

    private static final Duration FLUSH = Duration.ofSeconds(2);
    private static final ServiceLevelConfig CONFIG = ServiceLevelConfig.parse("""
            business_zone: Europe/Berlin
            allowed_lateness_minutes: 120
            service-level:
              queues:
                billing: { formula: removed }
            """);

    private KeyedOneInputStreamOperatorTestHarness<String, QueueFact, QueueMinuteRow> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new QueueMinuteAggregator(CONFIG, FLUSH), QueueFact::queueKey, Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(QueueFact.Kind kind, String ts, long seconds) throws Exception {
        QueueFact f = new QueueFact(
                kind,
                "billing",
                Channel.VOICE,
                ms(ts),
                Duration.ofSeconds(seconds).toNanos());
        harness.processElement(new StreamRecord<>(f, f.tsMs));
    }

    @Test
    void changedMinutesAreEmittedEveryFlushIntervalNotPerEvent() throws Exception {
        send(QueueFact.Kind.ANSWERED, "2026-11-24T09:00:10Z", 12);
        send(QueueFact.Kind.ABANDONED, "2026-11-24T09:00:40Z", 3);
        send(QueueFact.Kind.COMPLETED, "2026-11-24T09:01:30Z", 300);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(2_000);
        List<QueueMinuteRow> rows = harness.extractOutputValues();
        assertThat(rows).hasSize(2);
        QueueMinuteRow nine = rows.stream()
                .filter(r -> r.minuteStartMs == ms("2026-11-24T09:00:00Z"))
                .findFirst()
                .orElseThrow();
        assertThat(nine.counts.answered).isEqualTo(1);
        assertThat(nine.counts.abandoned).isEqualTo(1);
        assertThat(nine.counts.shortAbandoned).isEqualTo(1);
        assertThat(nine.counts.facts).isEqualTo(2);
        assertThat(nine.formula).isEqualTo(SlFormula.REMOVED);
        assertThat(nine.thresholdS).isEqualTo(20);
        assertThat(nine.intervalStartMs).isEqualTo(ms("2026-11-24T09:00:00Z")); // 10:00 Berlin
        assertThat(nine.businessDay).isEqualTo(LocalDate.parse("2026-11-24").toEpochDay());

        harness.setProcessingTime(10_000);
        assertThat(harness.extractOutputValues())
                .as("nothing changed, nothing emitted")
                .hasSize(2);
    }

    @Test
    void aLateFactUpdatesItsOwnMinuteWithAHigherVersion() throws Exception {
        send(QueueFact.Kind.ANSWERED, "2026-11-24T09:00:10Z", 12);
        harness.setProcessingTime(2_000);
        harness.processWatermark(new Watermark(ms("2026-11-24T10:30:00Z")));

        send(QueueFact.Kind.ANSWERED, "2026-11-24T09:00:50Z", 30); // 90 minutes late, within 2 h
        harness.setProcessingTime(4_000);

        List<QueueMinuteRow> rows = harness.extractOutputValues();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).minuteStartMs).isEqualTo(ms("2026-11-24T09:00:00Z"));
        assertThat(rows.get(1).counts.answered).isEqualTo(2);
        assertThat(rows.get(1).counts.answeredInSl).isEqualTo(1);
        assertThat(rows.get(1).counts.facts).isGreaterThan(rows.get(0).counts.facts);
    }

    @Test
    void aMinuteIsFinalAndItsStateGoneOnceTheWatermarkPassesItsLateness() throws Exception {
        send(QueueFact.Kind.ANSWERED, "2026-11-24T09:00:10Z", 12);
        send(QueueFact.Kind.ANSWERED, "2026-11-24T09:05:10Z", 12);

        harness.processWatermark(new Watermark(ms("2026-11-24T11:01:00Z") - 1));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(new Watermark(ms("2026-11-24T11:01:00Z")));
        assertThat(harness.extractOutputValues())
                .as("the 09:00 minute is final, emitted without waiting for a flush")
                .singleElement()
                .satisfies(r -> assertThat(r.minuteStartMs).isEqualTo(ms("2026-11-24T09:00:00Z")));

        harness.processWatermark(new Watermark(ms("2026-11-24T11:06:00Z")));
        harness.setProcessingTime(2_000);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aMinuteFlushedAndUnchangedSinceStillGetsItsFinalRowAtItsClose() throws Exception {
        send(QueueFact.Kind.ANSWERED, "2026-11-24T09:00:10Z", 12);
        harness.setProcessingTime(2_000);
        harness.processWatermark(new Watermark(ms("2026-11-24T11:01:00Z")));

        List<QueueMinuteRow> rows = harness.extractOutputValues();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).minuteStartMs).isEqualTo(ms("2026-11-24T09:00:00Z"));
        assertThat(rows.get(1).counts.facts)
                .as("the same version again: ClickHouse keeps one")
                .isEqualTo(rows.get(0).counts.facts);
        harness.setProcessingTime(4_000);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void onTheAutumnDstDayTheRepeatedHourGivesTwoIntervalsOfOneBusinessDay() throws Exception {
        // Berlin, 2026-10-25: 02:20 CEST (00:20Z) and 02:20 CET (01:20Z) are one local time, two instants.
        send(QueueFact.Kind.ANSWERED, "2026-10-25T00:20:00Z", 10);
        send(QueueFact.Kind.ANSWERED, "2026-10-25T01:20:00Z", 10);
        send(QueueFact.Kind.ANSWERED, "2026-10-24T21:59:00Z", 10); // 23:59 CEST, the day before
        harness.setProcessingTime(2_000);

        List<QueueMinuteRow> rows = harness.extractOutputValues();
        assertThat(rows)
                .extracting(r -> r.intervalStartMs)
                .containsExactlyInAnyOrder(
                        ms("2026-10-25T00:15:00Z"), ms("2026-10-25T01:15:00Z"), ms("2026-10-24T21:45:00Z"));
        assertThat(rows)
                .filteredOn(r -> r.minuteStartMs >= ms("2026-10-25T00:00:00Z"))
                .extracting(r -> r.businessDay)
                .containsOnly(LocalDate.parse("2026-10-25").toEpochDay());
        assertThat(rows)
                .filteredOn(r -> r.minuteStartMs < ms("2026-10-25T00:00:00Z"))
                .extracting(r -> r.businessDay)
                .containsOnly(LocalDate.parse("2026-10-24").toEpochDay());
    }
}
