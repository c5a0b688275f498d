package org.ccpulse.jobs.platform;

import java.net.URI;
import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * Where the jobs keep their state and how they checkpoint it, applied to a Flink {@link Configuration}
 * (the job's, e.g. {@code StreamExecutionEnvironment.getExecutionEnvironment(conf)}, or a cluster's).
 *
 * <p>Production ({@link #production}): the embedded RocksDB state backend (state on the task
 * manager's local disk, not the heap) with incremental checkpoints, so a checkpoint uploads the files
 * written since the last one rather than all state: FCR keeps days of contacts per customer and
 * customer value a year of purchases for millions of customers. Checkpoints go to files under a
 * directory URI (a shared file system or object store in production) and are kept when the job is
 * cancelled, so a redeploy can restore from the latest one.
 *
 * <p>ForSt ({@link Backend#FORST}) can be chosen too; the Flink 2.x documentation calls it
 * experimental (it targets disaggregated state and the asynchronous state API, which these jobs do not
 * use), hence RocksDB by default. Tests that want the small-state behaviour of before keep the heap
 * ({@link #heap}); the checkpoint storage and retention are the same.
 *
 * <p>Only configuration keys are set here: the backends are found by Flink at run time (its
 * distribution has RocksDB and ForSt; in a JVM that runs Flink itself, RocksDB comes from
 * {@code flink-statebackend-rocksdb}).
 */
public final class StateSettings {

    /** Flink's {@code state.backend.type} values. */
    public enum Backend {
        /** Embedded RocksDB: local disk, incremental checkpoints. The production choice. */
        ROCKSDB("rocksdb", true),
        /** ForSt (Flink 2.x, experimental): RocksDB-based, can keep its files on a remote file system. */
        FORST("forst", true),
        /** Objects on the JVM heap ({@code HashMapStateBackend}): every checkpoint is a full snapshot. */
        HEAP("hashmap", false);

        private final String type;
        private final boolean incremental;

        Backend(String type, boolean incremental) {
            this.type = type;
            this.incremental = incremental;
        }

        /** The value of {@code state.backend.type}. */
        public String type() {
            return type;
        }

        /** Whether its checkpoints are incremental under these settings. */
        public boolean incremental() {
            return incremental;
        }

        /** {@code rocksdb}, {@code forst}, {@code heap} or {@code hashmap}, in any case. */
        public static Backend parse(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            for (Backend b : values()) {
                if (b.type.equals(n) || b.name().toLowerCase(Locale.ROOT).equals(n)) {
                    return b;
                }
            }
            throw new IllegalArgumentException("unknown state backend '" + name + "': rocksdb, forst or heap");
        }
    }

    private StateSettings() {}

    /** RocksDB, incremental checkpoints to files under {@code checkpointDirectory}, retained on cancellation. */
    public static Configuration production(Configuration conf, String checkpointDirectory) {
        return apply(conf, Backend.ROCKSDB, checkpointDirectory);
    }

    /** The heap backend (full snapshots), with the same checkpoint storage and retention as production. */
    public static Configuration heap(Configuration conf, String checkpointDirectory) {
        return apply(conf, Backend.HEAP, checkpointDirectory);
    }

    /**
     * Sets {@code state.backend.type}, {@code execution.checkpointing.incremental} (on for RocksDB and
     * ForSt, off for the heap), {@code execution.checkpointing.storage = filesystem},
     * {@code execution.checkpointing.dir} and
     * {@code execution.checkpointing.externalized-checkpoint-retention = RETAIN_ON_CANCELLATION} in
     * {@code conf}, and returns it. Checkpointing itself (interval, mode) is the job's to enable.
     *
     * @param checkpointDirectory an absolute URI with a scheme, e.g. {@code file:///var/lib/ccpulse/checkpoints}
     *                            or {@code s3://bucket/ccpulse/checkpoints}; Flink adds a folder per job
     */
    public static Configuration apply(Configuration conf, Backend backend, String checkpointDirectory) {
        conf.set(StateBackendOptions.STATE_BACKEND, backend.type());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.incremental());
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkedDirectory(checkpointDirectory));
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        return conf;
    }

    private static String checkedDirectory(String directory) {
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException("a checkpoint directory is needed");
        }
        URI uri;
        try {
            uri = URI.create(directory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint directory is not a URI: " + directory, e);
        }
        if (uri.getScheme() == null || !uri.isAbsolute()) {
            throw new IllegalArgumentException(
                    "checkpoint directory needs a scheme (file:///..., s3://..., hdfs://...): " + directory);
        }
        return directory;
    }
}
