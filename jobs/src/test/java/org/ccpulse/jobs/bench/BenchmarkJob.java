package org.ccpulse.jobs.bench;

import java.nio.file.Path;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.Intake;
import org.ccpulse.jobs.servicelevel.ServiceLevelConfig;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;
import org.ccpulse.jobs.servicelevel.ServiceLevelSinks;
import org.ccpulse.schemas.event.ContactEvent;

/**
 * The service-level job as production runs it (default rules and timing, the ClickHouse sinks,
 * at-least-once checkpoints every 10 s to a file system), on a local Flink cluster of its own
 * (a MiniCluster in this JVM, started for the job and stopped when it ends).
 */
final class BenchmarkJob {

    private static final long CHECKPOINT_INTERVAL_MS = 10_000;

    private BenchmarkJob() {
    }

    static JobClient start(String name, int parallelism, Source<Intake<ContactEvent>, ?, ?> source,
                           ClickHouseAccess clickHouse, Path checkpointDir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS, CheckpointingMode.AT_LEAST_ONCE);
        ServiceLevelJob.build(env, source, ServiceLevelConfig.defaults(), ServiceLevelJob.Settings.defaults(),
                ServiceLevelSinks.of(clickHouse, null, null));
        return env.executeAsync(name);
    }
}
