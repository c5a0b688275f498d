package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.ccpulse.jobs.Jobs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.junit.jupiter.api.Test;

class ComplaintsConfigTest {

    @Test
    void defaultsWithoutASection() {
        ComplaintsConfig c = ComplaintsConfig.defaults();
        assertThat(c.spikes()).isEqualTo(SpikeSettings.DEFAULTS);
        assertThat(c.lifecycleMaxAge()).isEqualTo(Duration.ofDays(180));
        assertThat(c.spikeHourGrace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.spikeKeyIdle()).isEqualTo(Duration.ofDays(90));
        assertThat(c.allowedLateness()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theSectionSetsTheJobsKeysAndTheDetectors() {
        ComplaintsConfig c = ComplaintsConfig.parse("""
                business_zone: Europe/Berlin
                complaints:
                  lifecycle_max_age_days: 30
                  spike_hour_grace_minutes: 0
                  spikes: { tail_probability: 0.0001, min_count: 8 }
                """);
        assertThat(c.lifecycleMaxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(c.spikeHourGrace()).isZero();
        assertThat(c.spikes().tailProbability()).isEqualTo(0.0001);
        assertThat(c.spikes().minCount()).isEqualTo(8);
        assertThat(c.spikes().minRatio()).isEqualTo(SpikeSettings.DEFAULTS.minRatio());
        assertThat(c.businessZone().getId()).isEqualTo("Europe/Berlin");
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> ComplaintsConfig.parse("complaints: { max_age: 3 }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("complaints")
                .hasMessageContaining("max_age");
        assertThatThrownBy(() -> ComplaintsConfig.parse("complaints: { lifecycle_max_age_days: 0 }"))
                .hasMessageContaining("complaints.lifecycle_max_age_days");
        assertThatThrownBy(() -> ComplaintsConfig.parse("complaints: { spikes: { min_count: 0 } }"))
                .hasMessageContaining("complaints.spikes.min_count");
        assertThatThrownBy(() -> ComplaintsConfig.parse("complaints: { spikes: { minimum: 3 } }"))
                .hasMessageContaining("minimum");
    }

    @Test
    void theShippedConfigurationIsAccepted() {
        DeploymentConfig shipped = DeploymentConfig.load(Path.of("config/ccpulse.yaml"));
        Jobs.checked(shipped);
        assertThat(ComplaintsConfig.from(shipped).spikes()).isEqualTo(SpikeSettings.DEFAULTS);
    }
}
