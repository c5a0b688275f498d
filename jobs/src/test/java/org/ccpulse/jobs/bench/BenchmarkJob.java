package org.ccpulse.jobs.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.Intake;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.servicelevel.ServiceLevelConfig;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;
import org.ccpulse.jobs.servicelevel.ServiceLevelSinks;
import org.ccpulse.schemas.event.ContactEvent;

/**
 * The service-level job as production runs it (default rules and timing, the ClickHouse sinks,
 * at-least-once checkpoints every 10 s to a file system, the state backend of {@link StateSettings}:
 * RocksDB with incremental checkpoints unless {@code backend} says otherwise), on a local Flink
 * cluster of its own (a MiniCluster in this JVM, started for the job and stopped when it ends), whose
 * REST API listens on 127.0.0.1 at a free port (for {@link CheckpointStats}).
 */
final class BenchmarkJob {

    private static final long CHECKPOINT_INTERVAL_MS = 10_000;
    /** Completed checkpoints the REST API remembers (Flink's default is 10): all of a benchmark run's. */
    static final int CHECKPOINT_HISTORY = 1_000;

    /** A submitted job and its cluster's REST address. */
    record Running(JobClient job, URI rest) {
    }

    private BenchmarkJob() {
    }

    static Running start(String name, int parallelism, Source<Intake<ContactEvent>, ?, ?> source,
                         ClickHouseAccess clickHouse, Path checkpointDir, StateSettings.Backend backend) throws Exception {
        Configuration conf = StateSettings.apply(new Configuration(), backend, checkpointDir.toUri().toString());
        int port = freePort();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, Integer.toString(port));
        conf.set(RestOptions.PORT, port);
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, CHECKPOINT_HISTORY);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.enableCheckpointing(CHECKPOINT_INTERVAL_MS, CheckpointingMode.AT_LEAST_ONCE);
        ServiceLevelJob.build(env, source, ServiceLevelConfig.defaults(), ServiceLevelJob.Settings.defaults(),
                ServiceLevelSinks.of(clickHouse, null, null));
        return new Running(env.executeAsync(name), URI.create("http://127.0.0.1:" + port));
    }

    /** A port free a moment ago (the cluster binds it right after; a clash would fail the start, not the figures). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
