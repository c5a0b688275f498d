package org.ccpulse.jobs.platform;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How a run executes on Flink, the same for a cluster, the local run, the tests and the benchmark:
 * parallelism, checkpoints (exactly once, i.e. aligned, which the dead-letter topic's transactions need;
 * the ClickHouse sinks' rows are versioned, so a replay is harmless there),
 * the state backend, where checkpoints are kept (retained when the job is cancelled, see
 * {@link StateSettings}) and what to restore from.
 *
 * @param parallelism         0 = the environment's default
 * @param checkpointInterval  how often a checkpoint is taken
 * @param stateBackend        production: RocksDB with incremental checkpoints; tests may keep the heap
 * @param checkpointDirectory a file system URI, or null for the environment's default storage
 * @param restoreFrom         a checkpoint or savepoint path to start from, or null
 */
public record RunOptions(
        int parallelism,
        Duration checkpointInterval,
        StateSettings.Backend stateBackend,
        String checkpointDirectory,
        String restoreFrom) {

    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /**
     * Restarts, with a backoff growing from 1 s to 1 min, before a failing job is given up: enough to
     * ride out ClickHouse or Kafka being away for minutes, while a failure that comes back every time
     * ends the job (and its process) within about 5 minutes instead of looping for ever. The count
     * starts again after 10 minutes without a failure.
     */
    static final int RESTARTS_BEFORE_GIVING_UP = 10;

    /** Production: the environment's parallelism, RocksDB, a checkpoint every 10 s, no restore. */
    public static RunOptions defaults() {
        return new RunOptions(0, DEFAULT_CHECKPOINT_INTERVAL, StateSettings.Backend.ROCKSDB, null, null);
    }

    public RunOptions withParallelism(int parallelism) {
        return new RunOptions(parallelism, checkpointInterval, stateBackend, checkpointDirectory, restoreFrom);
    }

    public RunOptions withCheckpointInterval(Duration interval) {
        return new RunOptions(parallelism, interval, stateBackend, checkpointDirectory, restoreFrom);
    }

    public RunOptions withStateBackend(StateSettings.Backend backend) {
        return new RunOptions(parallelism, checkpointInterval, backend, checkpointDirectory, restoreFrom);
    }

    public RunOptions withCheckpointDirectory(String uri) {
        return new RunOptions(parallelism, checkpointInterval, stateBackend, uri, restoreFrom);
    }

    public RunOptions withRestoreFrom(String path) {
        return new RunOptions(parallelism, checkpointInterval, stateBackend, checkpointDirectory, path);
    }

    /**
     * Checkpoints of these jobs go to {@code <root>/<job names joined by '-'>}, so a later run of the same jobs
     * finds them and a run of other jobs never restores state that is not its own.
     */
    public RunOptions withCheckpointsOf(String root, List<MetricJob> jobs) {
        String names = jobs.stream().map(MetricJob::name).collect(Collectors.joining("-"));
        return withCheckpointDirectory(root.replaceAll("/+$", "") + "/" + names);
    }

    /**
     * Starts from the newest complete checkpoint in the checkpoint directory, if there is one and no other
     * restore point was given: how a run that was stopped, or whose process died, continues where it was.
     */
    public RunOptions resumingFromLatest() throws IOException {
        if (restoreFrom != null || checkpointDirectory == null) {
            return this;
        }
        return withRestoreFrom(Checkpoints.latest(checkpointDirectory).orElse(null));
    }

    /** The Flink configuration these options stand for, added to {@code conf}. */
    public Configuration flinkConfiguration(Configuration conf) {
        if (checkpointDirectory != null) {
            StateSettings.apply(conf, stateBackend, checkpointDirectory);
        } else {
            conf.set(StateBackendOptions.STATE_BACKEND, stateBackend.type());
        }
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofMinutes(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        conf.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                Duration.ofMinutes(10));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, RESTARTS_BEFORE_GIVING_UP);
        return conf;
    }

    /**
     * The environment to build in: the cluster's under {@code flink run}, the test cluster's under
     * a MiniCluster extension, otherwise a local one in this JVM ({@code extra}: more settings for it,
     * e.g. the local cluster's REST port).
     */
    public StreamExecutionEnvironment environment(Configuration extra) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(extra));
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }

    public StreamExecutionEnvironment environment() {
        return environment(new Configuration());
    }
}
