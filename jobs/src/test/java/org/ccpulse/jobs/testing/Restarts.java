package org.ccpulse.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.util.function.FunctionWithException;
import org.apache.flink.util.function.SupplierWithException;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.RecordParser;

/**
 * How the restart ITs stop and restore live jobs: checkpoints to files that outlive a cancelled job
 * and are taken only when the test triggers one, and waiting for what a job does (whether a consumer
 * group has committed a whole topic: {@link DeadLetterTopic#committedToEnd}).
 */
public final class Restarts {

    /** Polls for what the jobs do every 100 ms, for up to a minute. */
    private static final long POLL_MS = 100;

    private static final int POLLS = 600;

    private Restarts() {}

    /**
     * {@link JobRuns#OPTIONS} on this state backend, with checkpoints to files under {@code dir}, kept when
     * the job is cancelled ({@link StateSettings}); none periodic unless set.
     */
    public static RunOptions checkpointStorage(Path dir, StateSettings.Backend backend) {
        return JobRuns.OPTIONS
                .withStateBackend(backend)
                .withCheckpointDirectory(dir.toUri().toString())
                .withCheckpointInterval(Duration.ofDays(1)); // none periodic: the test triggers one
    }

    /** The class name of a backend as Flink's execution graph reports it. */
    public static String backendClass(StateSettings.Backend backend) {
        return switch (backend) {
            case ROCKSDB -> "EmbeddedRocksDBStateBackend";
            case FORST -> "ForStStateBackend";
            case HEAP -> "HashMapStateBackend";
        };
    }

    /** Waits until the condition holds, polling every 100 ms for up to a minute. */
    public static void awaitCondition(SupplierWithException<Boolean, Exception> condition) throws Exception {
        CommonTestUtils.waitUntilCondition(condition, POLL_MS, POLLS);
    }

    /** Waits until the condition holds, polling every 100 ms for up to {@code atMost} (a long run on a busy machine). */
    public static void awaitCondition(SupplierWithException<Boolean, Exception> condition, Duration atMost)
            throws Exception {
        CommonTestUtils.waitUntilCondition(condition, POLL_MS, (int) (atMost.toMillis() / POLL_MS));
    }

    public static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }

    /** A run that ended with a checkpoint it was cancelled after: the checkpoint's path and the run's graph. */
    public record Checkpointed(String checkpoint, AccessExecutionGraph run) {}

    /** Triggers a checkpoint of the job, then cancels it once the checkpoint is complete. */
    public static Checkpointed checkpointAndCancel(MiniCluster cluster, JobClient job) throws Exception {
        String checkpoint = cluster.triggerCheckpoint(job.getJobID()).get(1, TimeUnit.MINUTES);
        job.cancel().get(1, TimeUnit.MINUTES);
        CommonTestUtils.waitForJobStatus(job, List.of(JobStatus.CANCELED));
        return new Checkpointed(
                checkpoint, cluster.getArchivedExecutionGraph(job.getJobID()).get(1, TimeUnit.MINUTES));
    }

    /**
     * A live run until its consumer group has committed the whole topic, then stopped with a draining savepoint
     * (event time to the end, sinks flushed, as at the end of a bounded run) into {@code savepoints}.
     * {@code start} submits the job with the options it is given: {@code options} with a checkpoint every 500 ms,
     * which commits the group's offsets.
     */
    public static AccessExecutionGraph runToTheEnd(
            MiniCluster cluster,
            String bootstrapServers,
            String topic,
            String group,
            RunOptions options,
            FunctionWithException<RunOptions, JobClient, Exception> start,
            Path savepoints)
            throws Exception {
        return runToTheEnd(cluster, bootstrapServers, List.of(topic), group, options, start, savepoints);
    }

    /** {@link #runToTheEnd(MiniCluster, String, String, String, RunOptions, FunctionWithException, Path)} on several topics: until the group has committed every one. */
    public static AccessExecutionGraph runToTheEnd(
            MiniCluster cluster,
            String bootstrapServers,
            List<String> topics,
            String group,
            RunOptions options,
            FunctionWithException<RunOptions, JobClient, Exception> start,
            Path savepoints)
            throws Exception {
        JobClient job = start.apply(options.withCheckpointInterval(Duration.ofMillis(500)));
        for (String topic : topics) {
            awaitCondition(() -> DeadLetterTopic.committedToEnd(bootstrapServers, topic, group));
        }
        job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(1, TimeUnit.MINUTES);
        job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        return cluster.getArchivedExecutionGraph(job.getJobID()).get(1, TimeUnit.MINUTES);
    }

    /**
     * Each run was on this backend, the first restored from nothing and each next one from the checkpoint the one
     * before was cancelled after ({@code checkpoints}, in turn).
     */
    public static void assertRestoredInTurn(
            List<AccessExecutionGraph> runs, List<String> checkpoints, StateSettings.Backend backend) {
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).getStateBackendName())
                    .as("state backend of run %d", i + 1)
                    .contains(backendClass(backend));
            RestoredCheckpointStats restored =
                    runs.get(i).getCheckpointStatsSnapshot().getLatestRestoredCheckpoint();
            if (i == 0) {
                assertThat(restored).as("checkpoint run 1 restored").isNull();
            } else {
                assertThat(restored).as("checkpoint run %d restored", i + 1).isNotNull();
                assertThat(restored.getExternalPath()).isEqualTo(checkpoints.get(i - 1));
            }
        }
    }

    /** The parallelism of the first vertex (topologically) whose name contains {@code operatorName}. */
    public static int parallelismOf(AccessExecutionGraph graph, String operatorName) {
        for (AccessExecutionJobVertex v : graph.getVerticesTopologically()) {
            if (v.getName().contains(operatorName)) {
                return v.getParallelism();
            }
        }
        throw new IllegalStateException("no operator '" + operatorName + "' in " + graph.getJobName());
    }

    /**
     * The index of the first of these lines (in delivery order) that the parser accepts as an event at or after
     * {@code at}: where to cut the traffic so the parts before hold only events before {@code at}.
     */
    public static <T> int firstLineAtOrAfter(
            List<byte[]> lines, RecordParser<T> parser, Function<T, Instant> eventTime, Instant at) {
        for (int i = 0; i < lines.size(); i++) {
            if (parser.parse(lines.get(i)) instanceof ParseResult.Accepted<T> a
                    && !eventTime.apply(a.event()).isBefore(at)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no event at or after " + at);
    }
}
