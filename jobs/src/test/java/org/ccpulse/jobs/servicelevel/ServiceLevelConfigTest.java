package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.schemas.event.Channel;
import org.junit.jupiter.api.Test;

class ServiceLevelConfigTest {

    @Test
    void defaultsAreThoseOfMetricsMd() {
        ServiceLevelConfig config = ServiceLevelConfig.defaults();

        assertThat(config.businessZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.intervalMinutes()).isEqualTo(15);
        assertThat(config.allowedLateness()).isEqualTo(Duration.ofHours(2));
        assertThat(thresholdS(config, Channel.VOICE)).isEqualTo(20);
        assertThat(thresholdS(config, Channel.CALLBACK)).isEqualTo(20);
        assertThat(thresholdS(config, Channel.VIDEO)).isEqualTo(20);
        assertThat(thresholdS(config, Channel.CHAT)).isEqualTo(30);
        assertThat(thresholdS(config, Channel.SOCIAL)).isEqualTo(900);
        assertThat(thresholdS(config, Channel.SMS)).isEqualTo(900);
        assertThat(thresholdS(config, Channel.EMAIL)).isEqualTo(14_400);
        QueueRules voice = config.rulesFor("any", Channel.VOICE);
        assertThat(voice.shortAbandon()).isEqualTo(Duration.ofSeconds(5));
        assertThat(voice.target()).isEqualTo(0.80);
        assertThat(voice.formula()).isEqualTo(SlFormula.ANSWERED);
    }

    @Test
    void aQueueOverridesOnlyWhatItSetsAndFileDefaultsOverrideBuiltIns() {
        ServiceLevelConfig config = ServiceLevelConfig.parse("""
                business_zone: Europe/Berlin
                interval_minutes: 30
                allowed_lateness_minutes: 60
                service-level:
                  defaults:
                    short_abandon_s: 10
                    threshold_s: { chat: 60 }
                  queues:
                    retention:
                      target: 0.9
                      formula: removed
                      threshold_s: { voice: 15 }
                    billing:
                      formula: answered-only
                """);

        assertThat(config.businessZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(config.intervalMinutes()).isEqualTo(30);
        assertThat(config.allowedLateness()).isEqualTo(Duration.ofHours(1));

        QueueRules retentionVoice = config.rulesFor("retention", Channel.VOICE);
        assertThat(retentionVoice)
                .isEqualTo(new QueueRules(Duration.ofSeconds(15), Duration.ofSeconds(10), 0.9, SlFormula.REMOVED));
        assertThat(config.rulesFor("retention", Channel.CHAT).threshold()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.rulesFor("billing", Channel.VOICE))
                .isEqualTo(
                        new QueueRules(Duration.ofSeconds(20), Duration.ofSeconds(10), 0.8, SlFormula.ANSWERED_ONLY));
        assertThat(config.rulesFor("unlisted", Channel.EMAIL).threshold()).isEqualTo(Duration.ofSeconds(14_400));
    }

    @Test
    void badSettingsAreRefusedWithThePlaceNamed() {
        assertThatThrownBy(() -> ServiceLevelConfig.parse("interval_minutes: 20"))
                .hasMessageContaining("interval_minutes must be 15, 30 or 60");
        assertThatThrownBy(() -> ServiceLevelConfig.parse("service-level: { queues: { q: { formula: fastest } } }"))
                .hasMessageContaining("unknown service-level formula 'fastest'");
        assertThatThrownBy(() -> ServiceLevelConfig.parse("service-level: { queues: { q: { target: 80 } } }"))
                .hasMessageContaining("queues.q.target must be a fraction");
        assertThatThrownBy(() -> ServiceLevelConfig.parse("service-level: { defaults: { threshold_s: { fax: 10 } } }"))
                .hasMessageContaining("defaults.threshold_s: unknown channel 'fax'");
        assertThatThrownBy(() ->
                        ServiceLevelConfig.parse("service-level: { queues: { q: { treshold_s: { voice: 10 } } } }"))
                .hasMessageContaining("treshold_s");
        assertThatThrownBy(() -> ServiceLevelConfig.parse("business_zone: Mars/Olympus"))
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    void shippedConfigurationFileLoads() {
        ServiceLevelConfig config =
                ServiceLevelConfig.from(DeploymentConfig.load(java.nio.file.Path.of("config/ccpulse.yaml")));
        assertThat(config.rulesFor("billing", Channel.VOICE).formula()).isEqualTo(SlFormula.REMOVED);
        assertThat(config.rulesFor("retention", Channel.VOICE).threshold()).isEqualTo(Duration.ofSeconds(15));
    }

    private static long thresholdS(ServiceLevelConfig config, Channel channel) {
        return config.rulesFor("any", channel).threshold().toSeconds();
    }
}
