package org.ccpulse.jobs.complaints;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import org.ccpulse.jobs.platform.DeploymentConfig;

/**
 * The complaints job's configuration: the deployment's shared settings (business time zone, allowed
 * lateness) and the job's own section {@code complaints}:
 *
 * <pre>
 * complaints:
 *   lifecycle_max_age_days: 180   # a complaint never closed is forgotten this long after its first event
 *   spike_hour_grace_minutes: 5   # an hour is given to the spike detector this long after it ends (event time)
 *   spike_key_idle_days: 90       # a cause (or group) without a complaint this long loses its baseline
 *   spikes: { tail_probability: 0.001, ... }   # SpikeSettings
 * </pre>
 * Every key is optional. An unknown key or a value out of range is refused with the key named.
 */
public final class ComplaintsConfig implements Serializable {

    /** The section of the deployment configuration this job reads (the job's name). */
    public static final String SECTION = "complaints";

    public static final int DEFAULT_LIFECYCLE_MAX_AGE_DAYS = 180;
    public static final int DEFAULT_SPIKE_HOUR_GRACE_MINUTES = 5;
    public static final int DEFAULT_SPIKE_KEY_IDLE_DAYS = 90;

    private final DeploymentConfig.Shared shared;
    private final Duration lifecycleMaxAge;
    private final Duration spikeHourGrace;
    private final Duration spikeKeyIdle;
    private final SpikeSettings spikes;

    private ComplaintsConfig(
            DeploymentConfig.Shared shared,
            Duration lifecycleMaxAge,
            Duration spikeHourGrace,
            Duration spikeKeyIdle,
            SpikeSettings spikes) {
        this.shared = shared;
        this.lifecycleMaxAge = lifecycleMaxAge;
        this.spikeHourGrace = spikeHourGrace;
        this.spikeKeyIdle = spikeKeyIdle;
        this.spikes = spikes;
    }

    /** METRICS.md's defaults: UTC, 2 h allowed lateness, the detector's defaults. */
    public static ComplaintsConfig defaults() {
        return from(DeploymentConfig.defaults());
    }

    public static ComplaintsConfig from(DeploymentConfig deployment) {
        return deployment.sectionAs(SECTION, Section.class).toConfig(deployment.shared());
    }

    /** A deployment configuration's text (shared settings, then the {@code complaints} section). */
    public static ComplaintsConfig parse(String deploymentYaml) {
        return from(DeploymentConfig.parse(deploymentYaml));
    }

    public ZoneId businessZone() {
        return shared.businessZone();
    }

    public Duration allowedLateness() {
        return shared.allowedLateness();
    }

    /** A complaint's state is dropped this long after its first event if it was never closed. */
    public Duration lifecycleMaxAge() {
        return lifecycleMaxAge;
    }

    /** How long after an hour ends (in event time) the spike detector takes it as complete. */
    public Duration spikeHourGrace() {
        return spikeHourGrace;
    }

    /** A cause or cause group without complaints this long (and no spike open) loses its detector state. */
    public Duration spikeKeyIdle() {
        return spikeKeyIdle;
    }

    public SpikeSettings spikes() {
        return spikes;
    }

    private record Section(
            @JsonProperty("lifecycle_max_age_days") Integer lifecycleMaxAgeDays,
            @JsonProperty("spike_hour_grace_minutes") Integer spikeHourGraceMinutes,
            @JsonProperty("spike_key_idle_days") Integer spikeKeyIdleDays,
            @JsonProperty("spikes") JsonNode spikes) {

        ComplaintsConfig toConfig(DeploymentConfig.Shared shared) {
            int maxAge = orDefault(lifecycleMaxAgeDays, DEFAULT_LIFECYCLE_MAX_AGE_DAYS);
            check(maxAge >= 1 && maxAge <= 3650, "lifecycle_max_age_days must be in [1, 3650]", maxAge);
            int grace = orDefault(spikeHourGraceMinutes, DEFAULT_SPIKE_HOUR_GRACE_MINUTES);
            check(grace >= 0 && grace <= 60, "spike_hour_grace_minutes must be in [0, 60]", grace);
            int idle = orDefault(spikeKeyIdleDays, DEFAULT_SPIKE_KEY_IDLE_DAYS);
            check(idle >= 7 && idle <= 3650, "spike_key_idle_days must be in [7, 3650]", idle);
            return new ComplaintsConfig(
                    shared,
                    Duration.ofDays(maxAge),
                    Duration.ofMinutes(grace),
                    Duration.ofDays(idle),
                    SpikeSettings.fromYaml(spikes, SECTION + ".spikes"));
        }

        private static int orDefault(Integer value, int fallback) {
            return value == null ? fallback : value;
        }

        private static void check(boolean ok, String rule, int value) {
            if (!ok) {
                throw new IllegalArgumentException(SECTION + "." + rule + ", was " + value);
            }
        }
    }
}
