package org.ccpulse.jobs.testing;

import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.Outputs;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.platform.Topic;
import org.ccpulse.jobs.servicelevel.ServiceLevelConfig;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;

/**
 * How the ITs run jobs: through the {@link Launcher}, as production does, on their MiniCluster,
 * under a configuration where every event counts.
 */
public final class JobRuns {

    /**
     * Lateness beyond the simulator's longest delivery delay (6 h): every event counts, so the expectation is exact.
     * First-contact resolution: the default windows and a same-issue one.
     */
    public static final String DEPLOYMENT_YAML = """
            business_zone: Europe/Berlin
            allowed_lateness_minutes: 420
            service-level:
              queues:
                billing: { formula: removed }
                retention: { formula: answered-only, threshold_s: { voice: 15 } }
            first-contact-resolution:
              windows: [24h, 72h, 7d, 30d, 7d_same_issue]
              targets: { default: 0.7, teams: { billing-t1: 0.8 } }
            """;

    public static final DeploymentConfig DEPLOYMENT = DeploymentConfig.parse(DEPLOYMENT_YAML);

    public static final ServiceLevelConfig CONFIG = ServiceLevelConfig.from(DEPLOYMENT);

    /**
     * The ITs' runs: parallelism 2 on the test cluster, on the heap backend, which is faster for small
     * state; ServiceLevelRestartIT also runs on production's RocksDB.
     */
    public static final RunOptions OPTIONS =
            RunOptions.defaults().withParallelism(2).withStateBackend(StateSettings.Backend.HEAP);

    private JobRuns() {}

    /** One uninterrupted service-level run over the topic as it is now, into ClickHouse; returns when it has finished. */
    public static void runUntilNow(KafkaEndpoint kafka, String topic, ClickHouseAccess db) throws Exception {
        runUntilNow(kafka, topic, db, DEPLOYMENT);
    }

    public static void runUntilNow(KafkaEndpoint kafka, String topic, ClickHouseAccess db, DeploymentConfig config)
            throws Exception {
        runUntilNow(kafka, topic, db, config, List.of(new ServiceLevelJob()));
    }

    /** One uninterrupted run of these jobs over the topic as it is now, into ClickHouse; returns when it has finished. */
    public static void runUntilNow(
            KafkaEndpoint kafka, String topic, ClickHouseAccess db, DeploymentConfig config, List<MetricJob> jobs)
            throws Exception {
        Launcher.start(
                        names(jobs) + " until now (" + topic + ")",
                        OPTIONS,
                        jobs,
                        config,
                        Inputs.kafkaUntilNow(kafka.bootstrapServers(), "it-" + topic, contactEventsFrom(topic)),
                        ClickHouseOutputs.clickHouseOnly(db))
                .getJobExecutionResult()
                .get();
    }

    /**
     * One uninterrupted run of these jobs over the topics as they are now ({@code topics}: EVENTS.md name to the
     * test's topic), into these outputs (e.g. with output topics); returns when it has finished.
     */
    public static void runUntilNow(
            KafkaEndpoint kafka,
            Map<String, String> topics,
            Outputs outputs,
            DeploymentConfig config,
            List<MetricJob> jobs,
            String group)
            throws Exception {
        Launcher.start(
                        names(jobs) + " until now " + topics.values(),
                        OPTIONS,
                        jobs,
                        config,
                        Inputs.kafkaUntilNow(kafka.bootstrapServers(), group, topics),
                        outputs)
                .getJobExecutionResult()
                .get();
    }

    /** The service-level job live on a topic, from the group's committed offsets; returns once submitted. */
    public static JobClient startLive(
            KafkaEndpoint kafka, String topic, String group, ClickHouseAccess db, RunOptions options) throws Exception {
        return startLive(kafka, topic, group, db, options, List.of(new ServiceLevelJob()));
    }

    /** These jobs live on a topic, from the group's committed offsets, into ClickHouse; returns once submitted. */
    public static JobClient startLive(
            KafkaEndpoint kafka,
            String topic,
            String group,
            ClickHouseAccess db,
            RunOptions options,
            List<MetricJob> jobs)
            throws Exception {
        return startLive(kafka, contactEventsFrom(topic), group, ClickHouseOutputs.clickHouseOnly(db), options, jobs);
    }

    /**
     * These jobs live on these topics ({@code topics}: EVENTS.md name to the test's topic), from the group's
     * committed offsets, into these outputs (e.g. with output topics); returns once submitted.
     */
    public static JobClient startLive(
            KafkaEndpoint kafka,
            Map<String, String> topics,
            String group,
            Outputs outputs,
            RunOptions options,
            List<MetricJob> jobs)
            throws Exception {
        return startLive(kafka, topics, group, outputs, options, jobs, DEPLOYMENT);
    }

    /** As {@link #startLive(KafkaEndpoint, Map, String, Outputs, RunOptions, List)}, under another deployment configuration. */
    public static JobClient startLive(
            KafkaEndpoint kafka,
            Map<String, String> topics,
            String group,
            Outputs outputs,
            RunOptions options,
            List<MetricJob> jobs,
            DeploymentConfig config)
            throws Exception {
        return start(Inputs.kafka(kafka.bootstrapServers(), group, topics), outputs, options, jobs, config);
    }

    /**
     * These topics read on and on from the group's committed offsets, as a live run reads them, but without the live
     * run's clock ({@link org.ccpulse.jobs.platform.LiveClock}): recorded history replayed, whose event time is its
     * records' alone.
     */
    public static Inputs replay(KafkaEndpoint kafka, Map<String, String> topics, String group) {
        Inputs live = Inputs.kafka(kafka.bootstrapServers(), group, topics);
        return live::source; // live() is false: no clock
    }

    /** These jobs on these inputs into these outputs; returns once submitted. */
    public static JobClient start(
            Inputs inputs, Outputs outputs, RunOptions options, List<MetricJob> jobs, DeploymentConfig config)
            throws Exception {
        String mode = inputs.live() ? "live" : "replay";
        return Launcher.start(names(jobs) + " " + mode, options, jobs, config, inputs, outputs);
    }

    private static String names(List<MetricJob> jobs) {
        return String.join(",", jobs.stream().map(MetricJob::name).toList());
    }

    /** The service-level job live on a topic into these outputs (e.g. with a dead-letter topic); returns once submitted. */
    public static JobClient startLive(
            KafkaEndpoint kafka, String topic, String group, Outputs outputs, RunOptions options) throws Exception {
        return Launcher.start(
                "service level live (" + topic + ")",
                options,
                List.of(new ServiceLevelJob()),
                DEPLOYMENT,
                Inputs.kafka(kafka.bootstrapServers(), group, contactEventsFrom(topic)),
                outputs);
    }

    /** Contact events read from a test's own topic. */
    public static Map<String, String> contactEventsFrom(String topic) {
        return Map.of(Topic.CONTACT_EVENTS.name(), topic);
    }
}
