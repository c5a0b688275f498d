package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.ccpulse.jobs.Jobs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.schemas.event.Tier;
import org.junit.jupiter.api.Test;

class CustomerValueConfigTest {

    @Test
    void defaultsWithoutASection() {
        CustomerValueConfig c = CustomerValueConfig.defaults();
        assertThat(c.window()).isEqualTo(Duration.ofDays(365));
        assertThat(c.tierInterval()).isEqualTo(Duration.ofMinutes(60));
        assertThat(c.tierMinInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.alertedTiers()).containsExactlyInAnyOrder(Tier.TOP, Tier.HIGH);
        assertThat(c.minPurchases()).isEqualTo(2);
        assertThat(c.overdueFactor()).isEqualTo(1.0);
        assertThat(c.escalationWindow()).isEqualTo(Duration.ofDays(30));
        assertThat(c.repeatContactWindow()).isEqualTo(Duration.ofHours(168));
        assertThat(c.allowedLateness()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theSectionSetsEveryKey() {
        CustomerValueConfig c = CustomerValueConfig.parse("""
                allowed_lateness_minutes: 30
                customer-value:
                  window_days: 180
                  tier_interval_minutes: 15
                  tier_min_interval_seconds: 0
                  alerted_tiers: [top]
                  min_purchases: 3
                  overdue_factor: 1.5
                  escalation_window_days: 14
                  repeat_contact_window_hours: 72
                """);
        assertThat(c.window()).isEqualTo(Duration.ofDays(180));
        assertThat(c.tierInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.tierMinInterval()).isZero();
        assertThat(c.alertedTiers()).containsExactly(Tier.TOP);
        assertThat(c.minPurchases()).isEqualTo(3);
        assertThat(c.overdueFactor()).isEqualTo(1.5);
        assertThat(c.escalationWindow()).isEqualTo(Duration.ofDays(14));
        assertThat(c.repeatContactWindow()).isEqualTo(Duration.ofHours(72));
        assertThat(c.allowedLateness()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedInOneLineWithTheKeyNamed() {
        assertThatThrownBy(() -> CustomerValueConfig.parse("customer-value: { window: 3 }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer-value")
                .hasMessageContaining("window");
        assertThatThrownBy(() -> CustomerValueConfig.parse("customer-value: { tier_interval_minutes: 0 }"))
                .hasMessage("customer-value.tier_interval_minutes must be in [1, 10080], was 0");
        assertThatThrownBy(() -> CustomerValueConfig.parse("customer-value: { tier_min_interval_seconds: -1 }"))
                .hasMessage("customer-value.tier_min_interval_seconds must be in [0, 86400], was -1");
        assertThatThrownBy(() -> CustomerValueConfig.parse("customer-value: { window_days: 0 }"))
                .hasMessage("customer-value.window_days must be in [1, 3650], was 0");
        assertThatThrownBy(() -> CustomerValueConfig.parse("customer-value: { overdue_factor: 0 }"))
                .hasMessage("customer-value.overdue_factor must be in (0, 100], was 0.0");
        assertThatThrownBy(() -> CustomerValueConfig.parse("customer-value: { alerted_tiers: [top, gold] }"))
                .hasMessage("customer-value.alerted_tiers: unknown tier 'gold'; the tiers are top, high, mid, low");
        assertThatThrownBy(() -> CustomerValueConfig.parse("customer-value: { alerted_tiers: [] }"))
                .hasMessage("customer-value.alerted_tiers must name at least one tier");
    }

    @Test
    void theShippedConfigurationIsAccepted() {
        DeploymentConfig shipped = DeploymentConfig.load(Path.of("config/ccpulse.yaml"));
        Jobs.checked(shipped);
        CustomerValueConfig c = CustomerValueConfig.from(shipped);
        assertThat(c.window()).isEqualTo(Duration.ofDays(365));
        assertThat(c.alertedTiers()).containsExactlyInAnyOrder(Tier.TOP, Tier.HIGH);
    }
}
