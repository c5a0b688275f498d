package org.ccpulse.schemas.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;

/**
 * Reads the ISO-8601 instants of EVENTS.md ({@code 2026-11-24T09:15:02.123Z},
 * {@code 2026-11-24T17:15:02+08:00}).
 *
 * <p>Why not just {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}: it is general and slow
 * (a field map and a resolver per call), and every record carries one to three instants.
 * The common shape {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)} is read by hand;
 * anything else goes to java.time, so the accepted language is exactly java.time's.
 */
public final class IsoInstant {
    private static final int[] NANOS_SCALE = {
        1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
    };

    private IsoInstant() {}

    /** The instant {@code text} names; throws when it is not an ISO-8601 date-time with an offset. */
    public static Instant parse(String text) {
        Instant fast = parseCommonShape(text);
        return fast != null ? fast : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }

    /**
     * The instant for the common shape, or null when {@code text} has another shape or an
     * out-of-range part (the caller then asks java.time, which decides and explains).
     */
    static Instant parseCommonShape(String text) {
        int n = text.length();
        if (n < 20
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }

        int i = 19;
        int nanos = 0;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(text, start, count) * NANOS_SCALE[count];
        }

        int offsetSeconds = offsetSeconds(text, i);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
                + hour * 3_600L
                + minute * 60L
                + second
                - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** Seconds east of UTC for a trailing {@code Z}, {@code +HH:MM} or {@code -HH:MM} at {@code i}; MIN_VALUE if none. */
    private static int offsetSeconds(String text, int i) {
        int n = text.length();
        if (i == n - 1 && text.charAt(i) == 'Z') {
            return 0;
        }
        if (i != n - 6 || text.charAt(i + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = text.charAt(i);
        int hours = digits(text, i + 1, 2);
        int minutes = digits(text, i + 4, 2);
        // java.time's limit: offsets lie within -18:00..+18:00
        if ((sign != '+' && sign != '-')
                || hours < 0
                || minutes < 0
                || minutes > 59
                || hours * 60 + minutes > 18 * 60) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
