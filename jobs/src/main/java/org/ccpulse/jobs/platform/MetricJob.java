package org.ccpulse.jobs.platform;

import java.util.List;

/**
 * A metric job, described once: its name (also the name of its section in the deployment
 * configuration), the input topics it reads, and how it builds its part of the pipeline from the
 * shared intake of those topics. The {@link Launcher} runs any set of them, alone or together.
 */
public interface MetricJob {

    /** Lower-case with hyphens, e.g. {@code service-level}; used on the command line and in the configuration. */
    String name();

    List<Topic<?>> topics();

    /**
     * Reads this job's section of the configuration, refusing what is wrong with the key named, so a
     * run can check it before anything starts (building the job reads it again).
     */
    default void checkConfiguration(DeploymentConfig config) {}

    /** Adds this job's operators and sinks, reading only {@link JobContext#events} of its own topics. */
    void build(JobContext context);
}
