package org.ccpulse.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantTest {

    /** What java.time makes of {@code text}: the reference the fast path must match. */
    private static Instant javaTime(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-24T09:15:02Z",
                "2026-11-24T09:15:02.123Z",
                "2026-11-24T17:15:02+08:00",
                "2026-11-24T17:15:02.5+08:00",
                "2026-11-24T04:15:02.123456789-05:00",
                "2026-11-24T09:15:02.000000001Z",
                "2026-11-24T09:15:02.12345678Z",
                "2026-11-24T14:45:02+05:30",
                "2026-11-24T09:15:02+00:00",
                "2026-11-24T09:15:02-00:00",
                "2026-11-24T09:15:02+18:00",
                "2026-11-24T09:15:02-18:00",
                "2024-02-29T23:59:59.999999999Z",
                "2000-02-29T00:00:00Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.9Z",
                "0001-01-01T00:00:00Z",
                "0000-03-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999-18:00",
                "2026-12-31T23:30:00-01:00",
                "2026-01-01T00:30:00+01:00"
            })
    void readsTheCommonShapesLikeJavaTime(String text) {
        assertThat(IsoInstant.parseCommonShape(text)).isNotNull().isEqualTo(javaTime(text));
        assertThat(IsoInstant.parse(text)).isEqualTo(javaTime(text));
    }

    @Test
    void agreesWithJavaTimeOnManyRandomInstants() {
        Random random = new Random(20261124);
        DateTimeFormatter[] shapes = {
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSXXX"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SXXX")
        };
        for (int i = 0; i < 20_000; i++) {
            // 1900..2100, any nanosecond, any offset on a quarter hour within +-18:00
            long second = -2_208_988_800L + (long) (random.nextDouble() * 6_311_433_600L);
            Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(145) - 72) * 900);
            String text = shapes[random.nextInt(shapes.length)].format(instant.atOffset(offset));

            assertThat(IsoInstant.parseCommonShape(text)).as(text).isEqualTo(javaTime(text));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-29T09:15:02Z", // not a leap year
                "1900-02-29T09:15:02Z", // century, not a leap year
                "2026-04-31T09:15:02Z",
                "2026-13-01T09:15:02Z",
                "2026-00-10T09:15:02Z",
                "2026-11-00T09:15:02Z",
                "2026-11-24T24:00:00Z",
                "2026-11-24T23:60:00Z",
                "2026-11-24T23:59:60Z", // leap seconds are not instants
                "2026-11-24T09:15:02+18:01",
                "2026-11-24T09:15:02+19:00",
                "2026-11-24T09:15:02+08:60",
                "2026-11-24T09:15:02.1234567890Z",
                "2026-11-24T09:15:02",
                "2026-11-24T09:15:02+0800",
                "2026-11-24 09:15:02Z",
                "2026-11-24T09:15:02ZZ",
                "2026-11-24T09:15:02Z ",
                "2026-1-24T09:15:02Z",
                "2026-11-24T9:15:02Z",
                "+2026-11-24T09:15:02Z",
                "2026-11-24T09:15:02,5Z",
                "2026-11-24T09:1a:02Z",
                "yesterday",
                ""
            })
    void leavesEverythingElseToJavaTimeWhichRejectsIt(String text) {
        assertThat(IsoInstant.parseCommonShape(text)).isNull();
        assertThatThrownBy(() -> javaTime(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> IsoInstant.parse(text)).isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-24T09:15Z", // no seconds
                "2026-11-24T17:15+08:00",
                "2026-11-24T09:15:02+08:00:30", // offset with seconds
                "2026-11-24t09:15:02Z", // lower-case separator
                "2026-11-24T09:15:02.Z", // decimal point without digits
                "2026-11-24T09:15:02+08", // offset hours only
                "+12026-11-24T09:15:02Z"
            }) // five-digit year
    void takesRarerIsoFormsThroughJavaTime(String text) {
        assertThat(IsoInstant.parseCommonShape(text)).isNull();
        assertThat(IsoInstant.parse(text)).isEqualTo(javaTime(text));
    }
}
