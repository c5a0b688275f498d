package org.ccpulse.jobs.fcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import org.ccpulse.jobs.Jobs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.junit.jupiter.api.Test;

class FcrConfigTest {

    @Test
    void withoutASectionTheFourDefaultWindowsAndA70PercentTargetApply() {
        FcrConfig config = FcrConfig.defaults();
        assertThat(config.windows())
                .extracting(FcrWindow::label, FcrWindow::length, FcrWindow::sameIssue)
                .containsExactly(
                        tuple("24h", Duration.ofHours(24), false),
                        tuple("72h", Duration.ofHours(72), false),
                        tuple("7d", Duration.ofDays(7), false),
                        tuple("30d", Duration.ofDays(30), false));
        assertThat(config.defaultTarget()).isEqualTo(0.70);
        assertThat(config.allowedLateness()).isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void labelsParseToDurationsAndSameIssueWindows() {
        FcrConfig config = FcrConfig.parse("""
                first-contact-resolution:
                  windows: [12h, 7d_same_issue]
                """);
        assertThat(config.windows())
                .extracting(FcrWindow::label, FcrWindow::length, FcrWindow::sameIssue)
                .containsExactly(
                        tuple("12h", Duration.ofHours(12), false), tuple("7d_same_issue", Duration.ofDays(7), true));
    }

    @Test
    void targetsBecomeOneRowPerTeamAndWindowWithTeamEmptyForTheDefault() {
        FcrConfig config = FcrConfig.parse("""
                first-contact-resolution:
                  windows: [24h, 7d]
                  targets: { default: 0.65, teams: { billing-t1: 0.8, sales-t2: 0.75 } }
                """);
        assertThat(config.targetRows())
                .extracting(t -> t.team, t -> t.window, t -> t.target)
                .containsExactly(
                        tuple("", "24h", 0.65),
                        tuple("billing-t1", "24h", 0.8),
                        tuple("sales-t2", "24h", 0.75),
                        tuple("", "7d", 0.65),
                        tuple("billing-t1", "7d", 0.8),
                        tuple("sales-t2", "7d", 0.75));
    }

    @Test
    void wrongSettingsAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { windows: [7d, 2w] }"))
                .hasMessageContaining("first-contact-resolution.windows")
                .hasMessageContaining("'2w'");
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { windows: [7d_same] }"))
                .hasMessageContaining("'7d_same'");
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { windows: [0h] }"))
                .hasMessageContaining("'0h'");
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { windows: [7d, 7d] }"))
                .hasMessageContaining("'7d' is listed twice");
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { windows: [] }"))
                .hasMessageContaining("at least one window");
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { window: [7d] }"))
                .hasMessageContaining("first-contact-resolution")
                .hasMessageContaining("\"window\"");
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { targets: { teams: { t1: 80 } } }"))
                .hasMessageContaining("first-contact-resolution.targets.teams.t1 must be a fraction");
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { targets: { default: 0 } }"))
                .hasMessageContaining("first-contact-resolution.targets.default");
        assertThatThrownBy(() -> FcrConfig.parse("first-contact-resolution: { targets: { goal: 0.7 } }"))
                .hasMessageContaining("\"goal\"");
    }

    @Test
    void theShippedConfigurationIsAcceptedAndHasTheDefaultWindows() {
        DeploymentConfig shipped = Jobs.checked(DeploymentConfig.load(Path.of("config/ccpulse.yaml")));
        assertThat(FcrConfig.from(shipped).windows())
                .extracting(FcrWindow::label)
                .containsExactlyElementsOf(FcrConfig.DEFAULT_WINDOWS);
        assertThat(Jobs.names()).contains(FcrJob.NAME);
    }
}
