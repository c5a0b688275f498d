package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ccpulse.simulator.output.FileSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorMainTest {
    @TempDir
    Path dir;

    @Test
    void backfillToFilesWritesTheThreeTopicsAndTheManifest() throws Exception {
        int code = new CommandLine(new SimulatorMain())
                .execute(
                        "--out-dir",
                        dir.toString(),
                        "--agents",
                        "10",
                        "--days",
                        "1",
                        "--start-date",
                        "2026-11-02",
                        "--zone",
                        "Europe/Paris",
                        "--malformed-json-rate",
                        "0.01");

        assertThat(code).isZero();
        for (String file :
                new String[] {"contact-events.ndjson", "tickets.ndjson", "orders.ndjson", FileSink.MANIFEST}) {
            assertThat(Files.size(dir.resolve(file))).as(file).isPositive();
        }
        assertThat(Files.readString(dir.resolve("contact-events.ndjson"))).contains("\"contact_id\":\"s42-c0\"");
    }

    @Test
    void refusesToRunWithoutATarget() {
        int code = new CommandLine(new SimulatorMain()).execute("--agents", "10");

        assertThat(code).isNotZero();
    }
}
