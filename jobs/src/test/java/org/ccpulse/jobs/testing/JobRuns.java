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

    /** Lateness beyond the simulator's longest delivery delay (6 h): every event counts, so the expectation is exact. */
    public static final String DEPLOYMENT_YAML = """
            business_zone: Europe/Berlin
            allowed_lateness_minutes: 420
            service-level:
              queues:
                billing: { formula: removed }
                retention: { formula: answered-only, threshold_s: { voice: 15 } }
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
        Launcher.start(
                        "service level until now (" + topic + ")",
                        OPTIONS,
                        List.of(new ServiceLevelJob()),
                        config,
                        Inputs.kafkaUntilNow(kafka.bootstrapServers(), "it-" + topic, contactEventsFrom(topic)),
                        ClickHouseOutputs.clickHouseOnly(db))
                .getJobExecutionResult()
                .get();
    }

    /** The service-level job live on a topic, from the group's committed offsets; returns once submitted. */
    public static JobClient startLive(
            KafkaEndpoint kafka, String topic, String group, ClickHouseAccess db, RunOptions options) throws Exception {
        List<MetricJob> jobs = List.of(new ServiceLevelJob());
        return Launcher.start(
                "service level live (" + topic + ")",
                options,
                jobs,
                DEPLOYMENT,
                Inputs.kafka(kafka.bootstrapServers(), group, contactEventsFrom(topic)),
                ClickHouseOutputs.clickHouseOnly(db));
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
