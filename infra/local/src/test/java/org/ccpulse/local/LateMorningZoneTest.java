package org.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LateMorningZoneTest {

    @Test
    void itIsBetweenTenAndElevenThereAtAnyHourOfTheDay() {
        Instant midnight = Instant.parse("2026-11-24T00:00:00Z");
        for (int minutes = 0; minutes < 24 * 60; minutes += 7) {
            Instant now = midnight.plusSeconds(minutes * 60L);
            ZoneOffset zone = LocalMain.lateMorningZone(now);
            assertThat(now.atOffset(zone).getHour())
                    .as("at %s in %s", now, zone)
                    .isEqualTo(10);
            assertThat(zone.getTotalSeconds()).isBetween(-12 * 3600, 14 * 3600);
        }
    }
}
