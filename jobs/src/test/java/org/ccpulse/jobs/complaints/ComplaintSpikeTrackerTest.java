package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.jobs.complaints.ComplaintSpike.Status;
import org.ccpulse.jobs.platform.EndOfInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spike operator in Flink's keyed operator harness: a cause with a steady weekly pattern, then a fourfold
 * surge; the watermark follows the complaints as a live source's would (a minute behind).
 */
class ComplaintSpikeTrackerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Monday, three quiet weeks before the surge, no daylight-saving change near. */
    static final ZonedDateTime START = LocalDate.of(2026, 4, 6).atStartOfDay(BERLIN);

    static final ZonedDateTime SURGE = START.plusWeeks(3).plusDays(1).withHour(10); // Tuesday 10:00

    private KeyedOneInputStreamOperatorTestHarness<String, SpikeInput, ComplaintSpike> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ComplaintSpikeTracker(SpikeSettings.DEFAULTS, BERLIN, Duration.ofMinutes(5), Duration.ofDays(30)),
                SpikeInput::stateKey,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** The usual complaints per hour: 10 from 09:00 to 17:00 on weekdays, 2 by day on weekends, none at night. */
    static int usual(ZonedDateTime hour) {
        boolean weekend = hour.getDayOfWeek().getValue() >= 6;
        boolean day = hour.getHour() >= 9 && hour.getHour() < 17;
        return day ? (weekend ? 2 : 10) : 0;
    }

    /** {@code n} complaints spread over the hour, each followed by a watermark a minute behind it. */
    private void hour(ZonedDateTime hour, int n) throws Exception {
        long start = hour.toInstant().toEpochMilli();
        for (int i = 0; i < n; i++) {
            long ts = start + (i * 3_600_000L) / n + 1_000;
            harness.processElement(new StreamRecord<>(new SpikeInput(SpikeLevel.CAUSE, "company.billing", ts), ts));
            harness.processWatermark(new Watermark(ts - 60_000));
        }
        harness.processWatermark(new Watermark(start + 3_600_000L - 60_000));
    }

    private void usualHours(ZonedDateTime from, ZonedDateTime to) throws Exception {
        for (ZonedDateTime h = from; h.isBefore(to); h = h.plusHours(1)) {
            hour(h, usual(h));
        }
    }

    private List<ComplaintSpike> spikes() {
        return harness.extractOutputValues();
    }

    @Test
    void aFourfoldSurgeOpensWithinItsFirstHourAndClosesOnceWhenItEnds() throws Exception {
        usualHours(START, SURGE);
        assertThat(spikes()).as("three steady weeks: no spike").isEmpty();

        hour(SURGE, 40);
        assertThat(spikes())
                .as("opened by a partial check, before the hour was over")
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.status()).isEqualTo(Status.OPENED);
                    assertThat(s.partial()).isTrue();
                    assertThat(s.hourStartMs()).isEqualTo(SURGE.toInstant().toEpochMilli());
                    assertThat(s.observed()).isGreaterThan(s.bound()).isLessThan(40);
                    assertThat(s.expected()).isBetween(9.0, 11.0);
                    assertThat(s.score()).isGreaterThan(3);
                });
        hour(SURGE.plusHours(1), 40);
        usualHours(SURGE.plusHours(2), SURGE.plusDays(2));

        assertThat(spikes())
                .extracting(
                        ComplaintSpike::status,
                        s -> s.hourStartMs() - SURGE.toInstant().toEpochMilli())
                .containsExactly(tuple(Status.OPENED, 0L), tuple(Status.CLOSED, 2 * 3_600_000L));
        assertThat(spikes().get(1).spikeId()).isEqualTo(spikes().get(0).spikeId());
    }

    @Test
    void aSpikeClosesOnTimeWhenTheComplaintsStopAltogether() throws Exception {
        usualHours(START, SURGE);
        hour(SURGE, 40);
        // Nothing more arrives for the cause, but event time moves on (other causes' complaints).
        harness.processWatermark(
                new Watermark(SURGE.plusHours(1).plusMinutes(6).toInstant().toEpochMilli()));
        assertThat(spikes()).hasSize(1);
        harness.processWatermark(
                new Watermark(SURGE.plusHours(2).plusMinutes(6).toInstant().toEpochMilli()));

        assertThat(spikes())
                .extracting(ComplaintSpike::status, ComplaintSpike::observed)
                .containsExactly(tuple(Status.OPENED, spikes().get(0).observed()), tuple(Status.CLOSED, 0L));
        assertThat(harness.numEventTimeTimers())
                .as("no chain once closed: only the idle timer")
                .isEqualTo(1);
    }

    @Test
    void theEndOfTheInputObservesNothingAndClosesNothing() throws Exception {
        usualHours(START, SURGE);
        hour(SURGE, 40);
        harness.processWatermark(new Watermark(EndOfInput.TIME));
        assertThat(spikes()).extracting(ComplaintSpike::status).containsExactly(Status.OPENED);
    }

    @Test
    void aCauseGoneQuietLosesItsStateAndTimers() throws Exception {
        usualHours(START, START.plusWeeks(1));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(
                new Watermark(START.plusWeeks(1).plusDays(31).toInstant().toEpochMilli()));

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aComplaintLaterThanItsHoursObservationCountsNowhereInTheDetector() throws Exception {
        usualHours(START, SURGE);
        hour(SURGE, 10);
        harness.processWatermark(
                new Watermark(SURGE.plusHours(1).plusMinutes(6).toInstant().toEpochMilli()));
        for (int i = 0; i < 40; i++) { // a burst for the hour already observed
            long ts = SURGE.plusMinutes(30).toInstant().toEpochMilli();
            harness.processElement(new StreamRecord<>(new SpikeInput(SpikeLevel.CAUSE, "company.billing", ts), ts));
        }
        assertThat(spikes()).isEmpty();
    }
}
