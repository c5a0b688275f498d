package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.assertj.core.groups.Tuple;
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

    /**
     * Whether and in which hour a spike opens (and closes) is what the full hours' counts say, observed in
     * order, however far behind the watermark was when the complaints arrived and in whatever order they
     * arrived within the grace: the partial checks only make it sooner.
     */
    @Test
    void theSpikesAreThoseOfTheFullHoursWhateverTheWatermarkAndArrivalOrder() throws Exception {
        List<Long> complaints = seasonalWeeksWithSurges();
        List<Tuple> expected = fullHourSpikes(complaints);
        assertThat(expected).as("the surges opened and closed spikes").hasSizeGreaterThanOrEqualTo(8);

        for (Duration lag : List.of(Duration.ofMinutes(1), Duration.ofHours(3))) {
            for (long arrivalSeed : new long[] {0, 1, 2}) {
                assertThat(spikesOf(arrivalOrder(complaints, arrivalSeed), lag))
                        .as("watermark %s behind, arrival order %d", lag, arrivalSeed)
                        .extracting(ComplaintSpike::spikeId, ComplaintSpike::status, ComplaintSpike::hourStartMs)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    /**
     * A run reading a backlog (after a restore, or a backfill) reads complaints hours ahead of its watermark, which is
     * emitted periodically: each hour is counted in full before the hour before it is final. Its spikes still open
     * within their first hour, with the count they had at the first minute end at which the hour's count opened them,
     * as the live run does (the same minute, the same count), however far behind the watermark was and in whatever
     * order the complaints arrived within the grace.
     */
    @Test
    void aBacklogOpensEachSpikeWithinItsHourAtTheMinuteItsCountOpenedIt() throws Exception {
        List<Long> complaints = seasonalWeeksWithSurges();
        List<ComplaintSpike> live = spikesOf(complaints, Duration.ofMinutes(1));
        List<ComplaintSpike> opened =
                live.stream().filter(s -> s.status() == Status.OPENED).toList();
        assertThat(opened)
                .as("the surges' spikes, live")
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(s -> assertThat(s.partial()).isTrue());

        for (Duration lag : List.of(Duration.ofHours(3), Duration.ofHours(30))) {
            for (long arrivalSeed : new long[] {0, 1, 2}) {
                List<ComplaintSpike> backlog = spikesOf(arrivalOrder(complaints, arrivalSeed), lag);
                assertThat(backlog)
                        .as("watermark %s behind, arrival order %d", lag, arrivalSeed)
                        .extracting(ComplaintSpike::spikeId, ComplaintSpike::status, ComplaintSpike::hourStartMs)
                        .containsExactlyElementsOf(live.stream()
                                .map(s -> tuple(s.spikeId(), s.status(), s.hourStartMs()))
                                .toList());
                List<ComplaintSpike> backlogOpened = backlog.stream()
                        .filter(s -> s.status() == Status.OPENED)
                        .toList();
                assertThat(backlogOpened).allSatisfy(s -> {
                    assertThat(s.partial()).as("opened within its hour").isTrue();
                    assertThat(s.observed()).isGreaterThan(s.bound()).isLessThan(fullCount(complaints, s));
                });
                assertThat(backlogOpened)
                        .as("the count at the minute it opened: the live run's")
                        .extracting(ComplaintSpike::observed)
                        .containsExactlyElementsOf(
                                opened.stream().map(ComplaintSpike::observed).toList());
            }
        }
    }

    /** The complaints of the hour a spike speaks of. */
    private static long fullCount(List<Long> complaints, ComplaintSpike s) {
        return complaints.stream()
                .filter(ts -> ts >= s.hourStartMs() && ts < s.hourStartMs() + 3_600_000L)
                .count();
    }

    /**
     * An hour over its bound only with its last complaints, which arrive (within the grace) after a burst at
     * the start of the next hour: the spike opens in the first hour, as its full count says, not in the next
     * one because the burst was checked before the first hour was complete.
     */
    @Test
    void aBurstIsNotCheckedBeforeTheHourBeforeItIsComplete() throws Exception {
        usualHours(START, SURGE);
        long first = SURGE.toInstant().toEpochMilli();
        long next = first + 3_600_000L;
        for (int i = 0; i < 12; i++) { // the first hour, all but its last complaints: below its bound
            complaint(first + i * 240_000L, first + i * 240_000L - 60_000);
        }
        for (int i = 0; i < 40; i++) { // a burst in the next hour's first four minutes
            complaint(next + i * 6_000L, next + i * 6_000L - 60_000);
        }
        for (int i = 0; i < 20; i++) { // the first hour's last complaints, delayed but within the grace
            complaint(next - 60_000 - i * 1_000L, next + 240_000L);
        }
        harness.processWatermark(new Watermark(next + 3_600_000L + 360_000L));

        assertThat(spikes()).first().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.OPENED);
            assertThat(s.hourStartMs()).isEqualTo(first);
            assertThat(s.observed()).isGreaterThan(s.bound()).isLessThanOrEqualTo(32);
        });
    }

    private void complaint(long ts, long watermark) throws Exception {
        harness.processElement(new StreamRecord<>(new SpikeInput(SpikeLevel.CAUSE, "company.billing", ts), ts));
        harness.processWatermark(new Watermark(watermark));
    }

    /**
     * Six weeks of seasonal traffic (peak 12 an hour) with fourfold two-hour surges, some on consecutive days
     * and one right after midnight, as complaint times in order.
     */
    private static List<Long> seasonalWeeksWithSurges() {
        SeasonalTraffic traffic = new SeasonalTraffic(12, 5);
        List<ZonedDateTime> surges = List.of(
                START.plusWeeks(3).plusDays(1).withHour(10),
                START.plusWeeks(3).plusDays(2).withHour(9),
                START.plusWeeks(4).plusDays(3).withHour(0),
                START.plusWeeks(5).plusDays(4).withHour(16));
        List<Long> times = new ArrayList<>();
        for (ZonedDateTime h = START; h.isBefore(START.plusWeeks(6)); h = h.plusHours(1)) {
            ZonedDateTime hour = h;
            boolean surging = surges.stream().anyMatch(s -> !hour.isBefore(s) && hour.isBefore(s.plusHours(2)));
            double mean = traffic.rate(hour) * (surging ? 4 : 1) + (surging && hour.getHour() < 6 ? 12 : 0);
            long start = hour.toInstant().toEpochMilli();
            for (double minute : traffic.arrivalMinutes(traffic.sample(mean))) {
                times.add(start + (long) (minute * 60_000));
            }
        }
        return times;
    }

    /** The complaint times in an arrival order where each is up to four minutes late (less than the grace). */
    private static List<Long> arrivalOrder(List<Long> complaints, long seed) {
        if (seed == 0) {
            return complaints;
        }
        java.util.Random random = new java.util.Random(seed);
        Map<Long, Long> arrival = new java.util.IdentityHashMap<>();
        List<Long> boxed = new ArrayList<>();
        for (long ts : complaints) {
            Long t = ts; // distinct boxes: two complaints may share a time
            arrival.put(t, ts + (long) (random.nextDouble() * 240_000));
            boxed.add(t);
        }
        boxed.sort(java.util.Comparator.comparing(arrival::get));
        return boxed;
    }

    /** (spike id, status, hour) of the detector given every full hour's count in order, up to the last one final. */
    private static List<Tuple> fullHourSpikes(List<Long> complaints) {
        ComplaintSpikeTracker hours =
                new ComplaintSpikeTracker(SpikeSettings.DEFAULTS, BERLIN, Duration.ofMinutes(5), Duration.ofDays(30));
        java.util.TreeMap<Long, Long> counts = new java.util.TreeMap<>();
        complaints.forEach(ts -> counts.merge(hours.localHourStart(ts), 1L, Long::sum));
        SpikeDetector detector = new SpikeDetector(SpikeSettings.DEFAULTS, BERLIN);
        SpikeBaseline baseline = SpikeBaseline.create(SpikeLevel.CAUSE, "company.billing");
        List<ComplaintSpike> spikes = new ArrayList<>();
        counts.forEach((hour, n) ->
                spikes.addAll(detector.observeHour(baseline, hour, n).events()));
        long lastFinal = hours.localHourStart(finalWatermark(complaints) - 300_000 - 3_600_000L);
        spikes.addAll(detector.observeHour(baseline, lastFinal, 0).events());
        return spikes.stream()
                .map(s -> tuple(s.spikeId(), s.status(), s.hourStartMs()))
                .toList();
    }

    private static long finalWatermark(List<Long> complaints) {
        return complaints.stream().mapToLong(Long::longValue).max().orElseThrow()
                + Duration.ofHours(6).toMillis();
    }

    /** The spikes of the complaints in arrival order, each followed by a watermark {@code lag} behind the latest. */
    private static List<ComplaintSpike> spikesOf(List<Long> complaints, Duration lag) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, SpikeInput, ComplaintSpike> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new ComplaintSpikeTracker(
                                SpikeSettings.DEFAULTS, BERLIN, Duration.ofMinutes(5), Duration.ofDays(30)),
                        SpikeInput::stateKey,
                        Types.STRING)) {
            long latest = Long.MIN_VALUE;
            for (long ts : complaints) {
                latest = Math.max(latest, ts);
                h.processElement(new StreamRecord<>(new SpikeInput(SpikeLevel.CAUSE, "company.billing", ts), ts));
                h.processWatermark(new Watermark(latest - lag.toMillis()));
            }
            h.processWatermark(new Watermark(finalWatermark(complaints)));
            return h.extractOutputValues();
        }
    }
}
