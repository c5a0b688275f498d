package org.ccpulse.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ComplaintSurgeParseTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aLocalStartIsReadInTheCentersZoneAndAnInstantAsItIs() {
        ComplaintSurge local =
                ComplaintSurge.parse("cause=company.billing,start=2026-11-10T10:00,hours=2,factor=4", BERLIN);
        ComplaintSurge instant = ComplaintSurge.parse(
                "factor=4, hours=0.5, start=2026-11-10T10:00:00+01:00, cause=company.billing", BERLIN);

        assertThat(local)
                .isEqualTo(new ComplaintSurge(
                        "company.billing", Instant.parse("2026-11-10T09:00:00Z"), Duration.ofHours(2), 4));
        assertThat(instant.start()).isEqualTo(local.start());
        assertThat(instant.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(local.covers(Instant.parse("2026-11-10T10:59:59Z").toEpochMilli()))
                .isTrue();
        assertThat(local.covers(Instant.parse("2026-11-10T11:00:00Z").toEpochMilli()))
                .isFalse();
        // Summer time: 10:00 in Berlin is 08:00 UTC.
        assertThat(ComplaintSurge.parse("cause=agent.knowledge,start=2026-07-01T10:00,hours=1,factor=2", BERLIN)
                        .start())
                .isEqualTo(Instant.parse("2026-07-01T08:00:00Z"));
    }

    @Test
    void onlyCausesTheSimulatorRaisesAndFactorsAboveOne() {
        assertThatThrownBy(() -> new ComplaintSurge("vendor.billing", Instant.EPOCH, Duration.ofHours(1), 4))
                .hasMessageStartingWith("unknown cause 'vendor.billing'");
        assertThatThrownBy(() -> new ComplaintSurge("company.billing", Instant.EPOCH, Duration.ofHours(1), 1))
                .hasMessageContaining("factor must be above 1");
        assertThatThrownBy(() -> new ComplaintSurge("company.billing", Instant.EPOCH, Duration.ZERO, 4))
                .hasMessageContaining("positive duration");
    }
}
