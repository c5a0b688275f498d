package org.ccpulse.jobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path dir;

    private Path checkpoint(String job, int n, String completedAt) throws Exception {
        Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
        if (completedAt != null) {
            Path metadata = Files.writeString(chk.resolve("_metadata"), "m");
            Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(completedAt)));
        }
        return chk;
    }

    @Test
    void theNewestCompletedCheckpointOfAnyEarlierRunIsFound() throws Exception {
        checkpoint("a1", 7, "2026-12-01T10:00:00Z");
        Path newest = checkpoint("b2", 3, "2026-12-01T11:00:00Z"); // a later run of the same jobs
        checkpoint("b2", 4, null); // begun, never completed (no _metadata): the process died during it
        Files.createDirectories(dir.resolve("b2").resolve("shared"));

        assertThat(Checkpoints.latest(dir.toUri().toString()))
                .hasValueSatisfying(p -> assertThat(p).endsWith(newest.toString()));
    }

    @Test
    void noDirectoryOrNoCompletedCheckpointMeansNone() throws Exception {
        assertThat(Checkpoints.latest(dir.resolve("missing").toUri().toString()))
                .isEmpty();
        checkpoint("a1", 1, null);
        assertThat(Checkpoints.latest(dir.toUri().toString())).isEmpty();
    }
}
