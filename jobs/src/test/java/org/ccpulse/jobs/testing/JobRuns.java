package org.ccpulse.jobs.testing;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.IntakeSources;
import org.ccpulse.jobs.servicelevel.ServiceLevelConfig;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;
import org.ccpulse.jobs.servicelevel.ServiceLevelSinks;
import org.ccpulse.schemas.parse.ContactEventParser;

/** How the ITs run the service-level job on their MiniCluster, under a configuration where every event counts. */
public final class JobRuns {

    /** Lateness beyond the simulator's longest delivery delay (6 h): every event counts, so the expectation is exact. */
    public static final ServiceLevelConfig CONFIG = ServiceLevelConfig.parse("""
            business_zone: Europe/Berlin
            allowed_lateness_minutes: 420
            queues:
              billing: { formula: removed }
              retention: { formula: answered-only, threshold_s: { voice: 15 } }
            """);

    private JobRuns() {
    }

    /** One uninterrupted run over the topic as it is now, into ClickHouse; returns when the job has finished. */
    public static void runUntilNow(KafkaEndpoint kafka, String topic, ClickHouseAccess db) throws Exception {
        runUntilNow(kafka, topic, db, CONFIG);
    }

    public static void runUntilNow(KafkaEndpoint kafka, String topic, ClickHouseAccess db, ServiceLevelConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ServiceLevelJob.build(env,
                IntakeSources.kafkaUntilNow(kafka.bootstrapServers(), topic, "it-" + topic, ContactEventParser::new, ServiceLevelJob.INTAKE_TYPE),
                config, ServiceLevelJob.Settings.defaults(), ServiceLevelSinks.of(db, null, null));
        env.execute();
    }
}
