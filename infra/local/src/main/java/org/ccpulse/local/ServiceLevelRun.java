package org.ccpulse.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.jobs.servicelevel.ServiceLevelConfig;
import org.ccpulse.jobs.servicelevel.ServiceLevelJob;
import org.ccpulse.jobs.servicelevel.ServiceLevelMain;
import org.ccpulse.jobs.servicelevel.ServiceLevelSinks;

/**
 * The service-level job on a Flink mini cluster inside this JVM: the same job graph and sinks as
 * {@link ServiceLevelMain} on a cluster, checkpointed to the data directory.
 */
final class ServiceLevelRun implements AutoCloseable {

    static final int PARALLELISM = 2;
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    static final String TOPIC = "contact-events";
    static final String GROUP_ID = "ccpulse-service-level";

    private final JobClient job;

    private ServiceLevelRun(JobClient job) {
        this.job = job;
    }

    static ServiceLevelRun start(String bootstrapServers, ClickHouseAccess clickHouse, ServiceLevelConfig rules,
                                 Path checkpoints) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toAbsolutePath().toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, conf);
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis(), CheckpointingMode.AT_LEAST_ONCE);
        ServiceLevelJob.build(env, ServiceLevelMain.kafkaSource(bootstrapServers, TOPIC, GROUP_ID), rules,
                ServiceLevelJob.Settings.defaults(), ServiceLevelSinks.of(clickHouse, bootstrapServers, DeadLetterSinks.TOPIC));
        return new ServiceLevelRun(env.executeAsync("ccpulse service level (local)"));
    }

    /** RUNNING, RESTARTING, FAILED... as Flink reports it. */
    String status() {
        try {
            return job.getJobStatus().get(5, TimeUnit.SECONDS).name();
        } catch (Exception e) {
            return "UNKNOWN";
        }
    }

    /** Cancels the job and waits until it has stopped (the mini cluster shuts down with it). */
    @Override
    public void close() throws Exception {
        if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        // the job ends as cancelled, which the result future reports as an exception: that is the expected end
        job.getJobExecutionResult().handle((result, cancelled) -> null).get(60, TimeUnit.SECONDS);
    }
}
