package org.ccpulse.jobs.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deployment's configuration (one YAML file, e.g. {@code jobs/config/ccpulse.yaml}): the settings
 * every job shares at the top, then one section per job, named after the job. Every key is
 * optional; what is not set takes METRICS.md's defaults. A job reads its own section and nothing
 * else, so each job runs the same whether it runs alone or with others.
 */
public final class DeploymentConfig {

    static final Set<Integer> ALLOWED_INTERVAL_MINUTES = Set.of(15, 30, 60);
    private static final Set<String> SHARED_KEYS = Set.of(
            "business_zone",
            "interval_minutes",
            "allowed_lateness_minutes",
            "max_out_of_orderness_seconds",
            "source_idleness_seconds");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Shared shared;
    /** Each job's section as written, by job name. */
    private final Map<String, JsonNode> jobSections;

    /**
     * The settings all jobs share.
     *
     * @param businessZone      the IANA zone in which intervals, business days and "today" are cut
     * @param intervalMinutes   15, 30 or 60
     * @param allowedLateness   how late an event may be and still update its figures; later ones are dead letters
     * @param maxOutOfOrderness how far event time lags behind the latest {@code ts} seen, for events out of order
     * @param sourceIdleness    a partition silent this long stops holding event time back
     */
    public record Shared(
            ZoneId businessZone,
            int intervalMinutes,
            Duration allowedLateness,
            Duration maxOutOfOrderness,
            Duration sourceIdleness)
            implements java.io.Serializable {}

    private DeploymentConfig(Shared shared, Map<String, JsonNode> jobSections) {
        this.shared = shared;
        this.jobSections = jobSections;
    }

    /** METRICS.md's defaults everywhere: UTC, 15-minute intervals, 2 h allowed lateness. */
    public static DeploymentConfig defaults() {
        return parse("{}");
    }

    public static DeploymentConfig load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration " + file, e);
        }
    }

    public static DeploymentConfig parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("configuration: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(
                    "configuration: expected a mapping of settings, got " + root.getNodeType());
        }
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        root.properties().forEach(entry -> {
            if (!SHARED_KEYS.contains(entry.getKey())) {
                sections.put(entry.getKey(), entry.getValue());
            }
        });
        return new DeploymentConfig(shared((ObjectNode) root), sections);
    }

    private static Shared shared(ObjectNode root) {
        ZoneId zone;
        String zoneName = root.path("business_zone").asText("UTC");
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("business_zone: unknown time zone '" + zoneName + "'", e);
        }
        int interval = root.path("interval_minutes").asInt(15);
        if (!ALLOWED_INTERVAL_MINUTES.contains(interval)) {
            throw new IllegalArgumentException("interval_minutes must be 15, 30 or 60, was " + interval);
        }
        return new Shared(
                zone,
                interval,
                Duration.ofMinutes(nonNegative(root, "allowed_lateness_minutes", 120)),
                Duration.ofSeconds(nonNegative(root, "max_out_of_orderness_seconds", 30)),
                Duration.ofSeconds(nonNegative(root, "source_idleness_seconds", 10)));
    }

    private static int nonNegative(ObjectNode root, String key, int orElse) {
        JsonNode node = root.path(key);
        if (!node.isMissingNode() && !node.canConvertToInt()) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + node.asText() + "'");
        }
        int value = node.asInt(orElse);
        if (value < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, was " + value);
        }
        return value;
    }

    public Shared shared() {
        return shared;
    }

    /** A job's own section, or a missing node when the file has none (the job's defaults then apply). */
    public JsonNode section(String jobName) {
        return jobSections.getOrDefault(jobName, MissingNode.getInstance());
    }

    /** Refuses a section no job owns (a misspelt job name would otherwise be silently ignored). */
    public DeploymentConfig requireSectionsOf(Set<String> jobNames) {
        for (String name : jobSections.keySet()) {
            if (!jobNames.contains(name)) {
                Set<String> known = new TreeSet<>(SHARED_KEYS);
                known.addAll(jobNames);
                throw new IllegalArgumentException(
                        "configuration: unknown key '" + name + "'; known keys are " + known);
            }
        }
        return this;
    }

    /** The same deployment cut in another business time zone (the local run follows its simulated center's clock). */
    public DeploymentConfig withBusinessZone(ZoneId zone) {
        return new DeploymentConfig(
                new Shared(
                        zone,
                        shared.intervalMinutes(),
                        shared.allowedLateness(),
                        shared.maxOutOfOrderness(),
                        shared.sourceIdleness()),
                jobSections);
    }

    /** Reads a job's section into its own type, refusing unknown keys with the section's name in the message. */
    public <T> T sectionAs(String jobName, Class<T> type) {
        JsonNode node = section(jobName);
        if (node.isMissingNode() || node.isNull()) {
            node = YAML.createObjectNode();
        }
        try {
            return YAML.copy()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(jobName + ": " + e.getOriginalMessage(), e);
        }
    }
}
