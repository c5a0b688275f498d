package org.ccpulse.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An injected surge: from {@code start} for {@code duration}, complaints of {@code cause} arrive {@code factor}
 * times as often as usual. The extra complaints are drawn from the surge's own random stream and carry their own
 * ids ({@code <run>-surge-t…}), so the rest of the run is the same as without the surge.
 *
 * @param cause    a cause the simulator uses ({@link ComplaintRhythm#codes()}), e.g. {@code company.billing}
 * @param start    first instant of the surge
 * @param duration how long it lasts (positive)
 * @param factor   the cause's complaint rate is multiplied by this (above 1)
 */
public record ComplaintSurge(String cause, Instant start, Duration duration, double factor) {
    public static final String FORMAT = "cause=C,start=T,hours=H,factor=F";

    public ComplaintSurge {
        if (cause == null || ComplaintRhythm.indexOf(cause) < 0) {
            throw new IllegalArgumentException(
                    "unknown cause '" + cause + "' (one of " + String.join(", ", ComplaintRhythm.codes()) + ")");
        }
        if (start == null || duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a surge needs a start and a positive duration");
        }
        if (!(factor > 1) || factor > 1000) {
            throw new IllegalArgumentException("factor must be above 1 and at most 1000, got " + factor);
        }
    }

    public Instant end() {
        return start.plus(duration);
    }

    public boolean covers(long epochMs) {
        return epochMs >= start.toEpochMilli() && epochMs < end().toEpochMilli();
    }

    /**
     * Reads {@code cause=company.billing,start=2026-11-10T10:00,hours=2,factor=4}. {@code start} is a local
     * date-time in {@code zone} (the center's business time zone; in a DST overlap the earlier offset, in a gap
     * shifted forward by its length) or an instant with an offset ({@code 2026-11-10T09:00:00Z}); {@code hours}
     * may have decimals. Every key once, no other key.
     *
     * @throws IllegalArgumentException naming what is wrong, in one line
     */
    public static ComplaintSurge parse(String text, ZoneId zone) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.trim() : part.substring(0, eq).trim();
            if (eq < 0
                    || !(key.equals("cause") || key.equals("start") || key.equals("hours") || key.equals("factor"))) {
                throw new IllegalArgumentException("'" + part + "' is not one of cause=, start=, hours=, factor=");
            }
            if (values.put(key, part.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException(key + " is given twice");
            }
        }
        for (String key : new String[] {"cause", "start", "hours", "factor"}) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("missing " + key + "= (expected " + FORMAT + ")");
            }
        }
        double hours = number(values.get("hours"), "hours");
        if (!(hours > 0) || hours > 24 * 366) {
            throw new IllegalArgumentException("hours must be above 0 and at most a year, got " + values.get("hours"));
        }
        return new ComplaintSurge(
                values.get("cause"),
                instant(values.get("start"), zone),
                Duration.ofMillis(Math.round(hours * 3_600_000)),
                number(values.get("factor"), "factor"));
    }

    private static Instant instant(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException local) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException instant) {
                throw new IllegalArgumentException("start '" + text
                        + "' is neither a local date-time (2026-11-10T10:00) nor an instant (2026-11-10T09:00:00Z)");
            }
        }
    }

    private static double number(String text, String key) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not a number");
        }
    }
}
