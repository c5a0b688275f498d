package org.ccpulse.jobs.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.util.function.SupplierWithException;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;

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

    public static long millis(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1_000_000;
    }
}
