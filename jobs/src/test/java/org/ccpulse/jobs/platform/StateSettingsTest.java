package org.ccpulse.jobs.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.state.CheckpointStorage;
import org.apache.flink.runtime.state.CheckpointStorageLoader;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.StateBackendLoader;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.api.Test;

class StateSettingsTest {

    private static final String DIR = "file:///var/lib/ccpulse/checkpoints";

    @Test
    void productionIsRocksDbWithIncrementalCheckpointsToFilesRetainedOnCancellation() {
        Configuration conf = StateSettings.production(new Configuration(), DIR);

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(DIR);
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // The keys as a cluster's config file or `-D` would spell them (Flink 2.2 names, not the deprecated ones).
        assertThat(conf.toMap())
                .contains(
                        entry("state.backend.type", "rocksdb"),
                        entry("execution.checkpointing.incremental", "true"),
                        entry("execution.checkpointing.storage", "filesystem"),
                        entry("execution.checkpointing.dir", DIR),
                        entry("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION"));
    }

    @Test
    void flinkLoadsAnIncrementalRocksDbBackendAndFileCheckpointStorageFromIt() throws Exception {
        Configuration conf = StateSettings.production(new Configuration(), DIR);
        ClassLoader loader = getClass().getClassLoader();

        StateBackend backend = StateBackendLoader.loadStateBackendFromConfig(conf, loader, null);
        assertThat(backend).isInstanceOf(EmbeddedRocksDBStateBackend.class);
        assertThat(((EmbeddedRocksDBStateBackend) backend).isIncrementalCheckpointsEnabled())
                .isTrue();

        CheckpointStorage storage =
                CheckpointStorageLoader.fromConfig(conf, loader, null).orElseThrow();
        assertThat(storage).isInstanceOf(FileSystemCheckpointStorage.class);
        assertThat(((FileSystemCheckpointStorage) storage)
                        .getCheckpointPath()
                        .toUri()
                        .toString())
                .isEqualTo(DIR);
    }

    @Test
    void heapKeepsTheHeapBackendWithTheSameStorageAndRetention() throws Exception {
        Configuration conf = StateSettings.heap(new Configuration(), DIR);

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo(DIR);
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(StateBackendLoader.loadStateBackendFromConfig(
                        conf, getClass().getClassLoader(), null))
                .isInstanceOf(HashMapStateBackend.class);
    }

    @Test
    void forStIsIncrementalToo() {
        Configuration conf = StateSettings.apply(
                new Configuration(), StateSettings.Backend.FORST, "s3://bucket/ccpulse/checkpoints");

        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("forst");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://bucket/ccpulse/checkpoints");
    }

    @Test
    void keepsWhatElseTheConfigurationHolds() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);

        assertThat(StateSettings.production(conf, DIR)).isSameAs(conf);
        assertThat(conf.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(3);
    }

    @Test
    void backendNamesParse() {
        assertThat(StateSettings.Backend.parse("RocksDB")).isEqualTo(StateSettings.Backend.ROCKSDB);
        assertThat(StateSettings.Backend.parse("forst")).isEqualTo(StateSettings.Backend.FORST);
        assertThat(StateSettings.Backend.parse("heap")).isEqualTo(StateSettings.Backend.HEAP);
        assertThat(StateSettings.Backend.parse("hashmap")).isEqualTo(StateSettings.Backend.HEAP);
        assertThatThrownBy(() -> StateSettings.Backend.parse("memory")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCheckpointDirectoryIsAnAbsoluteUri() {
        assertThatThrownBy(() -> StateSettings.production(new Configuration(), "checkpoints"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme");
        assertThatThrownBy(() -> StateSettings.production(new Configuration(), " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StateSettings.production(new Configuration(), "file:///a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
