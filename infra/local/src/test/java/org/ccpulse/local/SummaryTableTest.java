package org.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

    @Test
    void rendersOneFixedWidthLinePerQueue() {
        String table = SummaryTable.render(
                NOW,
                List.of(
                        new QueueSummary("billing", 0.8312, 0.80, 3, 42L, 512),
                        new QueueSummary("retention", 0.71, 0.90, 0, null, 88),
                        new QueueSummary("all", 0.8, null, 12, 3725L, 2400)));

        assertThat(table.lines().toList())
                .containsExactly(
                        "-- ccpulse live 10:15:30 UTC ---------------------------------------------------",
                        "queue         SL 60m  target        waiting   oldest  answered today",
                        "billing        83.1%   80.0%              3     0:42             512",
                        "retention      71.0%   90.0% BELOW        0        -              88",
                        "all            80.0%       -             12  1:02:05            2400");
    }

    @Test
    void saysSoWhenThereAreNoFiguresYet() {
        assertThat(SummaryTable.render(NOW, List.of())).contains("no figures yet");
    }

    @Test
    void aQueueWithoutCountedContactsShowsNoServiceLevel() {
        String line = SummaryTable.render(NOW, List.of(new QueueSummary("sales", null, 0.8, 1, 5L, 0)))
                .lines()
                .toList()
                .get(2);

        assertThat(line).startsWith("sales              -   80.0%").doesNotContain("BELOW");
    }

    @Test
    void formatsShares() {
        assertThat(SummaryTable.percent(1.0)).isEqualTo("100.0%");
        assertThat(SummaryTable.percent(0.0)).isEqualTo("0.0%");
        assertThat(SummaryTable.percent(null)).isEqualTo("-");
    }

    @Test
    void formatsWaits() {
        assertThat(SummaryTable.duration(0L)).isEqualTo("0:00");
        assertThat(SummaryTable.duration(59L)).isEqualTo("0:59");
        assertThat(SummaryTable.duration(3599L)).isEqualTo("59:59");
        assertThat(SummaryTable.duration(3600L)).isEqualTo("1:00:00");
        assertThat(SummaryTable.duration(null)).isEqualTo("-");
    }
}
