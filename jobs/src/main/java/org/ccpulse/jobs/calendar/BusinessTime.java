package org.ccpulse.jobs.calendar;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts instants into minutes, intervals and business days in the business time zone.
 * Intervals start on local clock boundaries (09:00, 09:15, ...), so on a daylight-saving day an
 * interval is still 15 local minutes; the repeated autumn hour yields two distinct intervals
 * (same local time, different offset) and the skipped spring hour yields none.
 */
public record BusinessTime(ZoneId zone, int intervalMinutes) implements Serializable {

    /** The UTC minute an instant falls in; every zone's offset is whole minutes, so it nests in intervals. */
    public static Instant minuteStart(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    public Instant intervalStart(Instant t) {
        ZonedDateTime local = t.atZone(zone);
        LocalDateTime truncated = local.toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES)
                .withMinute(local.getMinute() / intervalMinutes * intervalMinutes);
        // Prefer the instant's own offset: in the repeated autumn hour this keeps the two 01:00s apart.
        return ZonedDateTime.ofLocal(truncated, zone, local.getOffset()).toInstant();
    }

    public LocalDate businessDate(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /** The business days from {@code first} to {@code last} inclusive, each from its local midnight to the next. */
    public List<BusinessDay> days(LocalDate first, LocalDate last) {
        List<BusinessDay> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(new BusinessDay(
                    d.toEpochDay(),
                    d.atStartOfDay(zone).toInstant().toEpochMilli(),
                    d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli(),
                    zone.getId()));
        }
        return days;
    }
}
