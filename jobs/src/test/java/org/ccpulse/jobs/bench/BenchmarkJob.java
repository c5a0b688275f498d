package org.ccpulse.jobs.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;

/**
 * A job as production runs it (the service-level job unless told), through the launcher: default configuration, the
 * ClickHouse outputs, at-least-once checkpoints every 10 s to a file system, the state backend of
 * {@link StateSettings} (RocksDB with incremental checkpoints unless {@code backend} says otherwise),
 * on a local Flink cluster of its own (a MiniCluster in this JVM, started for the job and stopped when
 * it ends), whose REST API listens on 127.0.0.1 at a free port (for {@link CheckpointStats}).
 */
public final class BenchmarkJob {

    /** Completed checkpoints the REST API remembers (Flink's default is 10): all of a benchmark run's. */
    static final int CHECKPOINT_HISTORY = 1_000;

    /** A submitted job and its cluster's REST address. */
    public record Running(JobClient job, URI rest) {}

    private BenchmarkJob() {}

    /** The service-level job; {@code inputs}: contact events from the benchmark's topic. */
    static Running start(
            String name,
            int parallelism,
            Inputs inputs,
            ClickHouseAccess clickHouse,
            Path checkpointDir,
            StateSettings.Backend backend)
            throws Exception {
        return start(
                name,
                parallelism,
                inputs,
                clickHouse,
                checkpointDir,
                backend,
                List.of(new ServiceLevelJob()),
                DeploymentConfig.defaults());
    }

    /** These jobs under this configuration; {@code inputs}: the topics they read. */
    public static Running start(
            String name,
            int parallelism,
            Inputs inputs,
            ClickHouseAccess clickHouse,
            Path checkpointDir,
            StateSettings.Backend backend,
            List<? extends MetricJob> jobs,
            DeploymentConfig config)
            throws Exception {
        RunOptions options = RunOptions.defaults()
                .withParallelism(parallelism)
                .withStateBackend(backend)
                .withCheckpointDirectory(checkpointDir.toUri().toString());
        int port = freePort();
        Configuration rest = new Configuration();
        rest.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        rest.set(RestOptions.ADDRESS, "127.0.0.1");
        rest.set(RestOptions.BIND_PORT, Integer.toString(port));
        rest.set(RestOptions.PORT, port);
        rest.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, CHECKPOINT_HISTORY);
        JobClient job = Launcher.start(
                name, options.environment(rest), jobs, config, inputs, ClickHouseOutputs.clickHouseOnly(clickHouse));
        return new Running(job, URI.create("http://127.0.0.1:" + port));
    }

    /** A port free a moment ago (the cluster binds it right after; a clash would fail the start, not the figures). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
