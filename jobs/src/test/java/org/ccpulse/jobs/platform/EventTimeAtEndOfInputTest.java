package org.ccpulse.jobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** At the end of a bounded input, event time comes up to the last event before it jumps to the end of time. */
class EventTimeAtEndOfInputTest {

    private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    private static OneInputStreamOperatorTestHarness<String, String> harness() throws Exception {
        return harness(true);
    }

    private static OneInputStreamOperatorTestHarness<String, String> harness(boolean boundedInput) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new EventTimeAtEndOfInput<String>(OUT_OF_ORDERNESS, boundedInput));
    }

    /** The watermarks that came out, in order. */
    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<String, String> h) {
        return h.getOutput().stream()
                .filter(Watermark.class::isInstance)
                .map(w -> ((Watermark) w).getTimestamp())
                .toList();
    }

    @Test
    void theEndOfInputFirstBringsEventTimeToTheLastEventLessTheOutOfOrderness() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement("a", 1_000_000L);
            h.processWatermark(new Watermark(900_000L)); // the last periodic watermark: far behind
            h.processElement("c", 5_000_000L);
            h.processElement("b", 4_000_000L); // out of order: the latest still counts
            h.processWatermark(Watermark.MAX_WATERMARK);

            assertThat(h.extractOutputValues()).containsExactly("a", "c", "b");
            assertThat(watermarks(h)).containsExactly(900_000L, 5_000_000L - 30_000L - 1, Long.MAX_VALUE);
        }
    }

    @Test
    void aWatermarkAlreadyThereOrAnInputWithoutEventsGetsNothingMore() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement("a", 1_000_000L);
            h.processWatermark(new Watermark(2_000_000L));
            h.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(watermarks(h)).containsExactly(2_000_000L, Long.MAX_VALUE);
        }
        try (var h = harness()) {
            h.open();
            h.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(watermarks(h)).containsExactly(Long.MAX_VALUE);
        }
    }

    @Test
    void aRunResumedAfterItsLastEventStillEndsThere() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement("a", 5_000_000L);
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processWatermark(Watermark.MAX_WATERMARK); // nothing left to read after the restore
            assertThat(watermarks(h)).containsExactly(5_000_000L - 30_000L - 1, Long.MAX_VALUE);
        }
    }

    @Test
    void aSourceReadOnAndOnKeepsItsWatermarksWhenDrained() throws Exception {
        try (var h = harness(false)) {
            h.open();
            h.processElement("a", 5_000_000L);
            h.processWatermark(new Watermark(4_000_000L)); // the least of its partitions'
            h.processWatermark(Watermark.MAX_WATERMARK);
            assertThat(watermarks(h)).containsExactly(4_000_000L, Long.MAX_VALUE);
        }
    }
}
