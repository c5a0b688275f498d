package org.ccpulse.jobs.clickhouse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Bind values for ClickHouse's date-time columns. All our columns are declared in UTC
 * ({@code DateTime('UTC')}, {@code DateTime64(3, 'UTC')}), and ClickHouse reads a text value in
 * the column's zone, so UTC text is exact whatever the JVM's or the server's zone.
 */
public final class ClickHouseValues {

    private static final DateTimeFormatter UTC_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private ClickHouseValues() {}

    public static String utc(long epochMillis) {
        return UTC_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String date(long epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }
}
