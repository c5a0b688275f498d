package org.ccpulse.jobs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeploymentConfigTest {

    @Test
    void sharedSettingsDefaultToMetricsMd() {
        DeploymentConfig.Shared shared = DeploymentConfig.defaults().shared();
        assertThat(shared)
                .isEqualTo(new DeploymentConfig.Shared(
                        ZoneId.of("UTC"), 15, Duration.ofHours(2), Duration.ofSeconds(30), Duration.ofSeconds(10)));
    }

    @Test
    void sharedSettingsAndOneSectionPerJob() {
        DeploymentConfig config = DeploymentConfig.parse("""
                business_zone: Europe/Berlin
                interval_minutes: 30
                allowed_lateness_minutes: 60
                max_out_of_orderness_seconds: 5
                source_idleness_seconds: 20
                service-level: { defaults: { target: 0.9 } }
                """).requireSectionsOf(Set.of("service-level", "fcr"));

        assertThat(config.shared())
                .isEqualTo(new DeploymentConfig.Shared(
                        ZoneId.of("Europe/Berlin"),
                        30,
                        Duration.ofHours(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(20)));
        assertThat(config.section("service-level")
                        .path("defaults")
                        .path("target")
                        .asDouble())
                .isEqualTo(0.9);
        assertThat(config.section("fcr").isMissingNode())
                .as("a job without a section takes its defaults")
                .isTrue();
        assertThat(config.withBusinessZone(ZoneId.of("Asia/Tokyo")).shared().businessZone())
                .isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void badSettingsAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> DeploymentConfig.parse("interval_minutes: 20"))
                .hasMessageContaining("interval_minutes must be 15, 30 or 60");
        assertThatThrownBy(() -> DeploymentConfig.parse("business_zone: Mars/Olympus"))
                .hasMessageContaining("Mars/Olympus");
        assertThatThrownBy(() -> DeploymentConfig.parse("allowed_lateness_minutes: -1"))
                .hasMessageContaining("allowed_lateness_minutes must be >= 0");
        assertThatThrownBy(() -> DeploymentConfig.parse("source_idleness_seconds: soon"))
                .hasMessageContaining("source_idleness_seconds must be a whole number");
        assertThatThrownBy(() -> DeploymentConfig.parse("servce-level: {}").requireSectionsOf(Set.of("service-level")))
                .hasMessageContaining("unknown key 'servce-level'");
        assertThatThrownBy(() -> DeploymentConfig.parse("- a list")).hasMessageContaining("expected a mapping");
    }

    @Test
    void theShippedFileLoads() {
        DeploymentConfig config = DeploymentConfig.load(Path.of("config/ccpulse.yaml"));
        assertThat(config.shared()).isEqualTo(DeploymentConfig.defaults().shared());
        assertThat(config.section("service-level").path("queues").has("billing"))
                .isTrue();
    }
}
