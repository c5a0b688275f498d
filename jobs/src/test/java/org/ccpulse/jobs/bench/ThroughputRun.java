package org.ccpulse.jobs.bench;

import java.nio.file.Path;
import java.sql.Connection;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.JobRuns;

/**
 * Sustained throughput: the job reads a pre-filled topic from its start to the end it has when the
 * job starts, then finishes. The time runs from submitting the job (cluster start included) until
 * the job has finished, which is when its last row is in ClickHouse: at the end of input every
 * minute is closed, and each sink writes its last batch synchronously before the job may finish.
 */
final class ThroughputRun {

    record Result(
            int parallelism,
            long records,
            double seconds,
            double jobRunningSeconds,
            CpuMeter.Usage cpu,
            QueueMinuteReads.Totals totals) {

        double recordsPerSecond() {
            return records / seconds;
        }
    }

    private ThroughputRun() {}

    static Result run(
            int parallelism,
            PrefilledTopic input,
            String bootstrapServers,
            ClickHouseAccess db,
            Path checkpointDir,
            StateSettings.Backend backend)
            throws Exception {
        String group = "bench-p" + parallelism + "-" + System.nanoTime(); // a new group reads from the earliest offset
        CpuMeter cpu = CpuMeter.start();
        long t0 = System.nanoTime();
        JobClient job = BenchmarkJob.start(
                        "throughput p" + parallelism,
                        parallelism,
                        Inputs.kafkaUntilNow(bootstrapServers, group, JobRuns.contactEventsFrom(input.topic())),
                        db,
                        checkpointDir,
                        backend)
                .job();
        JobExecutionResult result = job.getJobExecutionResult().get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuMeter.Usage usage = cpu.stop();
        try (Connection c = db.open()) {
            return new Result(
                    parallelism,
                    input.records(),
                    seconds,
                    result.getNetRuntime() / 1000.0,
                    usage,
                    QueueMinuteReads.totals(c));
        }
    }
}
