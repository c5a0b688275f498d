package org.ccpulse.jobs.servicelevel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ccpulse.flinkcluster.FlinkCluster;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.jobs.CcpulseMain;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;

/**
 * The service-level job as the cluster ITs deploy it: the shaded job jar the jobs module builds, submitted to a
 * {@link FlinkCluster} with {@code bin/flink run}, with the production command line of CrashResumeIT (RocksDB,
 * incremental checkpoints, parallelism 2). These ITs sit in this package for the expectations they share with
 * the MiniCluster ITs ({@link IntervalFigures}, {@link PlainRecomputation}).
 */
final class ServiceLevelOnCluster {

    private ServiceLevelOnCluster() {}

    /** The job jar, copied by this module's pom at package (failsafe names it). */
    static Path jobJar() {
        Path jar = Path.of(System.getProperty("ccpulse.job.jar", "target/job/ccpulse-jobs-job.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no job jar at " + jar.toAbsolutePath() + ": run the ITs with mvn verify");
        }
        return jar;
    }

    /**
     * Submits the job reading {@code topic} into {@code db}, checkpointing every {@code checkpointInterval} to
     * {@code checkpoints}/service-level; {@code more}: further options (e.g. {@code --restore}). Returns its id once
     * it runs. ClickHouse access goes to the client's environment: the job's main reads it there and its sinks
     * carry it to the TaskManagers.
     */
    static String submit(
            FlinkCluster cluster,
            KafkaEndpoint kafka,
            String topic,
            ClickHouseAccess db,
            Path config,
            String checkpoints,
            Duration checkpointInterval,
            Path log,
            String... more)
            throws Exception {
        List<String> args = new ArrayList<>(ServiceLevelCommandLine.arguments(
                kafka, topic, config.toString(), "cluster-" + topic, checkpointInterval, checkpoints));
        args.addAll(List.of(more));
        Map<String, String> environment = ServiceLevelCommandLine.clickHouseEnvironment(db);
        return cluster.run(jobJar(), CcpulseMain.class.getName(), args, environment, log);
    }
}
