package org.ccpulse.jobs.bench;

import java.nio.file.Path;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;

/**
 * The service-level job as production runs it, through the launcher: default configuration, the
 * ClickHouse outputs, at-least-once checkpoints every 10 s to a file system, on a local Flink
 * cluster of its own (a MiniCluster in this JVM, started for the job and stopped when it ends).
 */
final class BenchmarkJob {

    private BenchmarkJob() {
    }

    /** {@code inputs}: contact events from the benchmark's topic. */
    static JobClient start(String name, int parallelism, Inputs inputs, ClickHouseAccess clickHouse, Path checkpointDir)
            throws Exception {
        RunOptions options = RunOptions.defaults().withParallelism(parallelism)
                .withCheckpointDirectory(checkpointDir.toUri().toString());
        return Launcher.start(name, options, List.of(new ServiceLevelJob()), DeploymentConfig.defaults(), inputs,
                ClickHouseOutputs.clickHouseOnly(clickHouse));
    }
}
