package org.ccpulse.jobs.servicelevel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.schemas.event.Channel;

/**
 * The service-level job's configuration: the deployment's shared settings (business time zone,
 * interval length, allowed lateness) and the job's own section {@code service-level}, which sets per
 * queue and channel the threshold, short-abandon time, target and formula. Anything a queue does not
 * set takes the defaults, which are METRICS.md's unless the section's {@code defaults} say otherwise.
 * Changing a queue's formula is a configuration change.
 */
public final class ServiceLevelConfig implements Serializable {

    /** The section of the deployment configuration this job reads. */
    public static final String SECTION = "service-level";

    /** METRICS.md: T per channel [voice, callback, video 20 s; chat 30 s; social, sms 900 s; email 14,400 s]. */
    static final Map<Channel, Integer> DEFAULT_THRESHOLD_S = Map.of(
            Channel.VOICE,
            20,
            Channel.CALLBACK,
            20,
            Channel.VIDEO,
            20,
            Channel.CHAT,
            30,
            Channel.SOCIAL,
            900,
            Channel.SMS,
            900,
            Channel.EMAIL,
            14_400);

    static final int DEFAULT_SHORT_ABANDON_S = 5;
    static final double DEFAULT_TARGET = 0.80;

    private final DeploymentConfig.Shared shared;
    /** The rules per channel of a queue the file does not name. */
    private final Map<Channel, QueueRules> defaultRules;
    /** The rules per channel of each queue the file names, its settings over the defaults. */
    private final Map<String, Map<Channel, QueueRules>> queueRules;

    private ServiceLevelConfig(
            DeploymentConfig.Shared shared,
            Map<Channel, QueueRules> defaultRules,
            Map<String, Map<Channel, QueueRules>> queueRules) {
        this.shared = shared;
        this.defaultRules = defaultRules;
        this.queueRules = queueRules;
    }

    /** METRICS.md's defaults everywhere: UTC, 15-minute intervals, 2 h allowed lateness. */
    public static ServiceLevelConfig defaults() {
        return from(DeploymentConfig.defaults());
    }

    /** This job's configuration out of a deployment's. */
    public static ServiceLevelConfig from(DeploymentConfig deployment) {
        return deployment.sectionAs(SECTION, Section.class).toConfig(deployment.shared());
    }

    /** A deployment configuration's text (shared settings, then the {@code service-level} section). */
    public static ServiceLevelConfig parse(String deploymentYaml) {
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

    /** The rules for a queue and channel: the queue's own settings over the defaults (resolved once, at load). */
    public QueueRules rulesFor(String queue, Channel channel) {
        return queueRules.getOrDefault(queue, defaultRules).get(channel);
    }

    /** One level of settings (defaults or a queue); null means "not set here". */
    private record RuleSet(Double target, Integer shortAbandonS, SlFormula formula, Map<Channel, Integer> thresholdS) {
        static final RuleSet EMPTY = new RuleSet(null, null, null, Map.of());

        RuleSet over(RuleSet base) {
            Map<Channel, Integer> thresholds = new EnumMap<>(Channel.class);
            thresholds.putAll(base.thresholdS);
            thresholds.putAll(thresholdS);
            return new RuleSet(
                    target != null ? target : base.target,
                    shortAbandonS != null ? shortAbandonS : base.shortAbandonS,
                    formula != null ? formula : base.formula,
                    thresholds);
        }

        /** The rules of every channel, for a complete rule set (the built-in defaults underneath). */
        Map<Channel, QueueRules> perChannel() {
            Map<Channel, QueueRules> rules = new EnumMap<>(Channel.class);
            for (Channel channel : Channel.values()) {
                rules.put(
                        channel,
                        new QueueRules(
                                Duration.ofSeconds(thresholdS.get(channel)),
                                Duration.ofSeconds(shortAbandonS),
                                target,
                                formula));
            }
            return rules;
        }
    }

    /** The section as written; snake_case keys, every key optional. */
    private record Section(
            @JsonProperty("defaults") Rules defaults,
            @JsonProperty("queues") Map<String, Rules> queues) {

        ServiceLevelConfig toConfig(DeploymentConfig.Shared shared) {
            Map<Channel, Integer> metricsDefaults = new EnumMap<>(DEFAULT_THRESHOLD_S);
            RuleSet builtIn = new RuleSet(DEFAULT_TARGET, DEFAULT_SHORT_ABANDON_S, SlFormula.ANSWERED, metricsDefaults);
            RuleSet base = (defaults == null ? RuleSet.EMPTY : defaults.toRuleSet("defaults")).over(builtIn);
            Map<String, Map<Channel, QueueRules>> perQueue = new HashMap<>();
            if (queues != null) {
                queues.forEach((name, rules) -> perQueue.put(
                        name,
                        (rules == null ? RuleSet.EMPTY : rules.toRuleSet("queues." + name))
                                .over(base)
                                .perChannel()));
            }
            return new ServiceLevelConfig(shared, base.perChannel(), perQueue);
        }
    }

    private record Rules(
            @JsonProperty("target") Double target,
            @JsonProperty("short_abandon_s") Integer shortAbandonS,
            @JsonProperty("formula") String formula,
            @JsonProperty("threshold_s") Map<String, Integer> thresholdS) {

        RuleSet toRuleSet(String where) {
            if (target != null && !(target > 0 && target <= 1)) {
                throw new IllegalArgumentException(where + ".target must be a fraction in (0, 1], was " + target);
            }
            if (shortAbandonS != null && shortAbandonS < 0) {
                throw new IllegalArgumentException(where + ".short_abandon_s must be >= 0, was " + shortAbandonS);
            }
            Map<Channel, Integer> thresholds = new EnumMap<>(Channel.class);
            if (thresholdS != null) {
                thresholdS.forEach((channelName, seconds) -> {
                    Channel channel = Channel.fromWire(channelName);
                    if (channel == null) {
                        throw new IllegalArgumentException(
                                where + ".threshold_s: unknown channel '" + channelName + "'");
                    }
                    if (seconds == null || seconds < 0) {
                        throw new IllegalArgumentException(where + ".threshold_s." + channelName + " must be >= 0");
                    }
                    thresholds.put(channel, seconds);
                });
            }
            return new RuleSet(
                    target, shortAbandonS, formula == null ? null : SlFormula.fromConfigName(formula), thresholds);
        }
    }
}
