package org.ccpulse.jobs.fcr;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ccpulse.jobs.platform.DeploymentConfig;

/**
 * The first-contact-resolution job's configuration: the deployment's shared settings (business time
 * zone, allowed lateness) and the job's own section {@code first-contact-resolution}:
 *
 * <pre>
 * first-contact-resolution:
 *   windows: [24h, 72h, 7d, 30d, 7d_same_issue]
 *   targets: { default: 0.70, teams: { billing-t1: 0.80 } }
 * </pre>
 * Every key is optional: the windows default to {@link #DEFAULT_WINDOWS}, the target to
 * {@link #DEFAULT_TARGET}. An unknown key, a bad label, a label given twice or a target outside
 * (0, 1] is refused with the key named.
 */
public final class FcrConfig implements Serializable {

    /** The section of the deployment configuration this job reads (the job's name). */
    public static final String SECTION = "first-contact-resolution";

    public static final List<String> DEFAULT_WINDOWS = List.of("24h", "72h", "7d", "30d");
    public static final double DEFAULT_TARGET = 0.70;

    /**
     * How long after a repeat started a contact waits for that repeat to end, when only its reason can
     * tell whether it is about the same issue (and for the repeat pair's reason): the same 24 h after
     * which the service-level job gives up on a contact still waiting.
     */
    public static final Duration REPEAT_END_WAIT = Duration.ofHours(24);

    private final DeploymentConfig.Shared shared;
    private final List<FcrWindow> windows;
    private final double defaultTarget;
    /** Team -> target, sorted by team. */
    private final Map<String, Double> teamTargets;

    private FcrConfig(
            DeploymentConfig.Shared shared,
            List<FcrWindow> windows,
            double defaultTarget,
            Map<String, Double> teamTargets) {
        this.shared = shared;
        this.windows = List.copyOf(windows);
        this.defaultTarget = defaultTarget;
        this.teamTargets = teamTargets;
    }

    /** METRICS.md's defaults: UTC, 2 h allowed lateness, windows 24h, 72h, 7d, 30d, target 70 %. */
    public static FcrConfig defaults() {
        return from(DeploymentConfig.defaults());
    }

    /** This job's configuration out of a deployment's. */
    public static FcrConfig from(DeploymentConfig deployment) {
        return deployment.sectionAs(SECTION, Section.class).toConfig(deployment.shared());
    }

    /** A deployment configuration's text (shared settings, then the {@code first-contact-resolution} section). */
    public static FcrConfig parse(String deploymentYaml) {
        return from(DeploymentConfig.parse(deploymentYaml));
    }

    public ZoneId businessZone() {
        return shared.businessZone();
    }

    public int intervalMinutes() {
        return shared.intervalMinutes();
    }

    public Duration allowedLateness() {
        return shared.allowedLateness();
    }

    /** The windows in the configured order. */
    public List<FcrWindow> windows() {
        return windows;
    }

    public double defaultTarget() {
        return defaultTarget;
    }

    /** The teams with a target of their own, by team. */
    public Map<String, Double> teamTargets() {
        return teamTargets;
    }

    /** The rows of {@code fcr_team_targets}: the default (team '') and each team, in every window. */
    public List<FcrTarget> targetRows() {
        List<FcrTarget> rows = new ArrayList<>();
        for (FcrWindow w : windows) {
            rows.add(new FcrTarget("", w.label(), defaultTarget));
            teamTargets.forEach((team, target) -> rows.add(new FcrTarget(team, w.label(), target)));
        }
        return rows;
    }

    /** The section as written; snake_case keys, every key optional. */
    private record Section(
            @JsonProperty("windows") List<String> windows,
            @JsonProperty("targets") Targets targets) {

        FcrConfig toConfig(DeploymentConfig.Shared shared) {
            List<String> labels = windows == null ? DEFAULT_WINDOWS : windows;
            if (labels.isEmpty()) {
                throw new IllegalArgumentException(SECTION + ".windows: at least one window is needed");
            }
            List<FcrWindow> parsed = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String label : labels) {
                try {
                    parsed.add(FcrWindow.parse(label));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(SECTION + ".windows: " + e.getMessage(), e);
                }
                if (!seen.add(label)) {
                    throw new IllegalArgumentException(SECTION + ".windows: '" + label + "' is listed twice");
                }
            }
            Targets t = targets == null ? new Targets(null, null) : targets;
            double fallback = t.defaultTarget == null
                    ? DEFAULT_TARGET
                    : checkedTarget(SECTION + ".targets.default", t.defaultTarget);
            Map<String, Double> perTeam = new TreeMap<>();
            if (t.teams != null) {
                t.teams.forEach((team, target) -> {
                    if (team == null || team.isBlank()) {
                        throw new IllegalArgumentException(SECTION + ".targets.teams: a team needs a name");
                    }
                    perTeam.put(team, checkedTarget(SECTION + ".targets.teams." + team, target));
                });
            }
            return new FcrConfig(shared, parsed, fallback, perTeam);
        }
    }

    private record Targets(
            @JsonProperty("default") Double defaultTarget,
            @JsonProperty("teams") Map<String, Double> teams) {}

    private static double checkedTarget(String key, Double target) {
        if (target == null || !(target > 0 && target <= 1)) {
            throw new IllegalArgumentException(key + " must be a fraction in (0, 1], was " + target);
        }
        return target;
    }
}
