package org.ccpulse.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.RunOptions;

/**
 * The chosen jobs on a Flink mini cluster inside this JVM, through the same launcher, job graph and
 * outputs as {@code CcpulseMain} on a cluster, checkpointed to the data directory.
 */
final class JobsRun implements AutoCloseable {

    static final int PARALLELISM = 2;
    static final String GROUP_ID = "ccpulse-local";
    static final String LOOPBACK = "127.0.0.1";

    private final JobClient job;
    private final String resumedFrom;

    private JobsRun(JobClient job, String resumedFrom) {
        this.job = job;
        this.resumedFrom = resumedFrom;
    }

    static JobsRun start(
            List<MetricJob> jobs,
            String bootstrapServers,
            ClickHouseAccess clickHouse,
            DeploymentConfig config,
            Path checkpoints)
            throws Exception {
        RunOptions options = RunOptions.defaults()
                .withParallelism(PARALLELISM)
                .withCheckpointsOf(checkpoints.toAbsolutePath().toUri().toString(), jobs)
                .resumingFromLatest();
        return new JobsRun(
                Launcher.start(
                        "ccpulse (local)",
                        options.environment(loopbackOnly()),
                        jobs,
                        config,
                        Inputs.kafka(bootstrapServers, GROUP_ID, Map.of()),
                        new ClickHouseOutputs(clickHouse, bootstrapServers, DeadLetterSinks.TOPIC)),
                options.restoreFrom());
    }

    /** The checkpoint this run resumed from (a file URI), or null when it started without state. */
    String resumedFrom() {
        return resumedFrom;
    }

    /**
     * The mini cluster's servers bind to 127.0.0.1 only: its REST endpoint (no authentication) and the blob server
     * would otherwise listen on every interface; the RPC and task manager addresses for completeness.
     */
    static Configuration loopbackOnly() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(JobManagerOptions.BIND_HOST, LOOPBACK); // the blob server binds here
        conf.set(JobManagerOptions.ADDRESS, LOOPBACK);
        conf.set(TaskManagerOptions.BIND_HOST, LOOPBACK);
        conf.set(TaskManagerOptions.HOST, LOOPBACK);
        return conf;
    }

    /** RUNNING, RESTARTING, FAILED... as Flink reports it. */
    String status() {
        try {
            return job.getJobStatus().get(5, TimeUnit.SECONDS).name();
        } catch (Exception e) {
            return "UNKNOWN";
        }
    }

    /** Whether Flink has given the job up (it fails only after its bounded restarts). */
    boolean failed() {
        return job.getJobExecutionResult().isCompletedExceptionally() && "FAILED".equals(status());
    }

    /** Why the job failed: its innermost cause. */
    String failure() {
        try {
            job.getJobExecutionResult().getNow(null);
            return "no failure";
        } catch (Exception e) {
            return org.ccpulse.jobs.CcpulseMain.rootCause(e);
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
