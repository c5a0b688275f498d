package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChdbLibraryTest {

    @TempDir
    Path dir;

    @Test
    void pinnedVersionComesFromTheParentPom() {
        assertThat(ChdbLibrary.pinnedVersion()).matches("\\d+\\.\\d+\\.\\d+-stable\\.\\d+");
    }

    @Test
    void chdbLibEnvironmentVariableWins() throws IOException {
        Path lib = Files.createFile(dir.resolve("libchdb.so"));

        assertThat(ChdbLibrary.locate(Map.of("CHDB_LIB", lib.toString(), "CCPULSE_CACHE_DIR", "/nonexistent")))
                .isEqualTo(lib);
    }

    @Test
    void aMissingChdbLibFailsWithTheReason() {
        assertThatThrownBy(() -> ChdbLibrary.locate(
                        Map.of("CHDB_LIB", dir.resolve("missing.so").toString())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.so");
    }

    @Test
    void aCachedCopyIsReusedWithoutFetching() throws IOException {
        Path cached = dir.resolve("chdb").resolve(ChdbLibrary.pinnedVersion()).resolve("libchdb.so");
        Files.createDirectories(cached.getParent());
        Files.createFile(cached);

        assertThat(ChdbLibrary.locate(Map.of("CCPULSE_CACHE_DIR", dir.toString())))
                .isEqualTo(cached);
    }

    @Test
    void cacheDefaultsToTheUsersCacheDirectory() {
        assertThat(ChdbLibrary.cacheDir(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "ccpulse"));
    }
}
