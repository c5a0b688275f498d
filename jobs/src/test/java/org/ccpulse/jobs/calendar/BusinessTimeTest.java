package org.ccpulse.jobs.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BusinessTimeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void intervalsStartOnLocalBoundaries() {
        BusinessTime quarterHours = new BusinessTime(ZoneId.of("Asia/Kathmandu"), 15); // UTC+05:45
        Instant t = Instant.parse("2026-11-24T03:20:10Z"); // 09:05:10 local
        assertThat(quarterHours.intervalStart(t)).isEqualTo(Instant.parse("2026-11-24T03:15:00Z")); // 09:00 local
        assertThat(new BusinessTime(BERLIN, 60).intervalStart(Instant.parse("2026-11-24T08:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(BusinessTime.minuteStart(Instant.parse("2026-11-24T08:59:59.999Z")))
                .isEqualTo(Instant.parse("2026-11-24T08:59:00Z"));
    }

    @Test
    void theRepeatedAutumnHourGivesTwoIntervals() {
        // 2026-10-25: Berlin goes from 03:00 CEST back to 02:00 CET; 02:00-03:00 local happens twice.
        BusinessTime bt = new BusinessTime(BERLIN, 15);
        Instant firstPass = Instant.parse("2026-10-25T00:20:00Z"); // 02:20 CEST
        Instant secondPass = Instant.parse("2026-10-25T01:20:00Z"); // 02:20 CET
        assertThat(bt.intervalStart(firstPass)).isEqualTo(Instant.parse("2026-10-25T00:15:00Z"));
        assertThat(bt.intervalStart(secondPass)).isEqualTo(Instant.parse("2026-10-25T01:15:00Z"));
    }

    @Test
    void theSkippedSpringHourHasNoInterval() {
        // 2026-03-29: Berlin jumps from 02:00 CET to 03:00 CEST.
        BusinessTime bt = new BusinessTime(BERLIN, 30);
        assertThat(bt.intervalStart(Instant.parse("2026-03-29T00:59:59Z")))
                .isEqualTo(Instant.parse("2026-03-29T00:30:00Z")); // 01:30 CET
        assertThat(bt.intervalStart(Instant.parse("2026-03-29T01:00:00Z")))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z")); // 03:00 CEST
    }

    @Test
    void businessDaysAreCutAtLocalMidnightAcrossDst() {
        BusinessTime bt = new BusinessTime(BERLIN, 15);
        // The autumn day has 25 hours: 2026-10-24T22:00Z .. 2026-10-25T23:00Z.
        assertThat(bt.businessDate(Instant.parse("2026-10-24T21:59:59Z"))).isEqualTo(LocalDate.parse("2026-10-24"));
        assertThat(bt.businessDate(Instant.parse("2026-10-24T22:00:00Z"))).isEqualTo(LocalDate.parse("2026-10-25"));
        assertThat(bt.businessDate(Instant.parse("2026-10-25T22:59:59Z"))).isEqualTo(LocalDate.parse("2026-10-25"));
        assertThat(bt.businessDate(Instant.parse("2026-10-25T23:00:00Z"))).isEqualTo(LocalDate.parse("2026-10-26"));
    }

    @Test
    void businessDaysAreUtcRangesOfTheirLocalLength() {
        var days = new BusinessTime(BERLIN, 15).days(LocalDate.parse("2026-10-24"), LocalDate.parse("2026-10-26"));
        assertThat(days).extracting(d -> (d.endMs - d.startMs) / 3_600_000).containsExactly(24L, 25L, 24L);
        assertThat(days.get(1).startMs)
                .isEqualTo(Instant.parse("2026-10-24T22:00:00Z").toEpochMilli());
        assertThat(days.get(1).endMs).isEqualTo(days.get(2).startMs);
        assertThat(days).allSatisfy(d -> assertThat(d.zone).isEqualTo("Europe/Berlin"));
    }
}
