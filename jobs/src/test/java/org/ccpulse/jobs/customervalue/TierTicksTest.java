package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.customervalue.Orders.HOUR;
import static org.ccpulse.jobs.customervalue.Orders.ms;

import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.Order;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tick operator in Flink's harness: hourly ticks in event time, at least 30 s of processing time apart. */
class TierTicksTest {

    static final long T0 = ms("2026-03-02T10:00:00Z");

    private OneInputStreamOperatorTestHarness<Order, Tick> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(
                new TierTicks<Order>(Duration.ofHours(1), Duration.ofSeconds(30)));
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void at(long processingMs, long watermark) throws Exception {
        harness.setProcessingTime(processingMs);
        harness.processWatermark(new Watermark(watermark));
    }

    private List<Tick> ticks() {
        return harness.extractOutputValues();
    }

    @Test
    void oneTickPerHourOfEventTimeAsOfTheWatermarkThatEnteredIt() throws Exception {
        at(0, T0 + 500);
        at(40_000, T0 + HOUR / 2);
        at(80_000, T0 + HOUR + 20);
        at(120_000, T0 + HOUR + 30_000);
        at(160_000, T0 + 4 * HOUR + 7); // three hours at once: one tick
        assertThat(ticks()).containsExactly(new Tick(T0 + 500), new Tick(T0 + HOUR + 20), new Tick(T0 + 4 * HOUR + 7));
    }

    @Test
    void aTickHeldBackByTheMinimumIntervalIsSentWhenItHasPassedAsOfTheWatermarkThen() throws Exception {
        at(0, T0);
        at(10_000, T0 + HOUR + 1); // only 10 s after the last tick
        at(20_000, T0 + HOUR + 600_000);
        assertThat(ticks()).hasSize(1);
        harness.setProcessingTime(30_000); // event time stands still: the timer sends it
        assertThat(ticks()).hasSize(2).last().isEqualTo(new Tick(T0 + HOUR + 600_000));
    }

    @Test
    void aBackfillRacingThroughAYearTicksOncePerMinimumInterval() throws Exception {
        for (int h = 0; h < 8_760; h++) {
            at(h * 10L, T0 + h * HOUR); // a year of hours in 87.6 s
        }
        assertThat(ticks()).hasSizeBetween(3, 4);
    }

    @Test
    void theEndOfTheInputIsNoHourPassing() throws Exception {
        at(0, T0);
        at(10_000, T0 + HOUR + 5); // held back
        at(20_000, EndOfInput.TIME);
        harness.setProcessingTime(60_000);
        assertThat(ticks()).containsExactly(new Tick(T0));
    }
}
