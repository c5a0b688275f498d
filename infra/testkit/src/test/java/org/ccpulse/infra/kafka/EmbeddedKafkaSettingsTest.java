package org.ccpulse.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedKafkaSettingsTest {

    @Test
    void defaultsSuitTestsAFreePortATemporaryDirectoryAndKafkasRetention() {
        EmbeddedKafkaSettings defaults = EmbeddedKafkaSettings.defaults();

        assertThat(defaults.port()).isZero();
        assertThat(defaults.dataDir()).isEmpty();
        assertThat(defaults.defaultPartitions()).isEqualTo(1);
        assertThat(defaults.retention()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_536})
    void refusesPortsOutsideTheTcpRange(int port) {
        assertThatThrownBy(() -> EmbeddedKafkaSettings.defaults().withPort(port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be 0 (any free port) or 1..65535, got " + port);
    }

    @Test
    void refusesTopicsWithoutPartitionsAndRetentionsThatKeepNothing() {
        assertThatThrownBy(() -> EmbeddedKafkaSettings.defaults().withDefaultPartitions(0))
                .hasMessage("defaultPartitions must be at least 1, got 0");
        assertThatThrownBy(() -> EmbeddedKafkaSettings.defaults().withRetention(Duration.ZERO))
                .hasMessage("retention must be positive, got PT0S");
    }
}
