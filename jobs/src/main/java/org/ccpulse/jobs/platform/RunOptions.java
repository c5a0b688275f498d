package org.ccpulse.jobs.platform;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How a run executes on Flink, the same for a cluster, the local run, the tests and the benchmark:
 * parallelism, checkpoints (at least once; the sinks' rows are versioned, so a replay is harmless),
 * where checkpoints are kept (retained when the job is cancelled) and what to restore from.
 *
 * @param parallelism         0 = the environment's default
 * @param checkpointInterval  how often a checkpoint is taken
 * @param checkpointDirectory a file system URI, or null for the environment's default
 * @param restoreFrom         a checkpoint or savepoint path to start from, or null
 */
public record RunOptions(int parallelism, Duration checkpointInterval, String checkpointDirectory, String restoreFrom) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** The environment's parallelism, a checkpoint every 10 s, the environment's storage, no restore. */
    public static RunOptions defaults() {
        return new RunOptions(0, DEFAULT_CHECKPOINT_INTERVAL, null, null);
    }

    public RunOptions withParallelism(int parallelism) {
        return new RunOptions(parallelism, checkpointInterval, checkpointDirectory, restoreFrom);
    }

    public RunOptions withCheckpointInterval(Duration interval) {
        return new RunOptions(parallelism, interval, checkpointDirectory, restoreFrom);
    }

    public RunOptions withCheckpointDirectory(String uri) {
        return new RunOptions(parallelism, checkpointInterval, uri, restoreFrom);
    }

    public RunOptions withRestoreFrom(String path) {
        return new RunOptions(parallelism, checkpointInterval, checkpointDirectory, path);
    }

    /** The Flink configuration these options stand for. */
    public Configuration flinkConfiguration() {
        Configuration conf = new Configuration();
        if (checkpointDirectory != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDirectory);
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        return conf;
    }

    /**
     * The environment to build in: the cluster's under {@code flink run}, the test cluster's under
     * a MiniCluster extension, otherwise a local one in this JVM.
     */
    public StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration());
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.AT_LEAST_ONCE);
        return env;
    }
}
