package org.ccpulse.schemas.wire;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Formats instants the way every producer in this project writes them: UTC, millisecond
 * precision, e.g. {@code 2026-11-24T09:15:02.123Z}. Hand-rolled for the four-digit-year case
 * because it runs for every timestamp the simulator emits (DateTimeFormatter is several times slower).
 */
public final class WireInstants {
    /** Length of {@code uuuu-MM-ddTHH:mm:ss.SSSZ}. */
    public static final int LENGTH = 24;

    private static final DateTimeFormatter FALLBACK =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    private WireInstants() {}

    /** Writes {@code instant} (truncated to milliseconds) into {@code out}; returns the number of chars written. */
    public static int format(Instant instant, char[] out) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            String s = FALLBACK.format(instant);
            s.getChars(0, s.length(), out, 0);
            return s.length();
        }
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, t.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, t.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, t.getHour(), 2);
        out[13] = ':';
        digits(out, 14, t.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, t.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, t.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return LENGTH;
    }

    /** The wire text of {@code instant}. */
    public static String format(Instant instant) {
        char[] buf = new char[40];
        return new String(buf, 0, format(instant, buf));
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
