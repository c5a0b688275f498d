package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.ccpulse.simulator.output.FileSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    void aComplaintSurgeOptionInjectsComplaintsOfItsCauseAsJobTestsPassIt() throws Exception {
        // As org.ccpulse.jobs.testing.SimulatedTraffic runs it: a plain CommandLine, options appended.
        int code = new CommandLine(new SimulatorMain())
                .execute(
                        "--out-dir",
                        dir.toString(),
                        "--agents",
                        "10",
                        "--days",
                        "1",
                        "--start-date",
                        "2026-11-10",
                        "--seed",
                        "11",
                        "--zone",
                        "Europe/Berlin",
                        "--complaint-surge",
                        "cause=company.billing,start=2026-11-10T09:00,hours=3,factor=20",
                        "--complaint-surge",
                        "cause=agent.attitude, start=2026-11-10T13:00:00Z, hours=1.5, factor=10");

        assertThat(code).isZero();
        List<JsonNode> opened = Files.readAllLines(dir.resolve("tickets.ndjson")).stream()
                .map(line -> {
                    try {
                        return Runs.json(line.getBytes(StandardCharsets.UTF_8));
                    } catch (RuntimeException notJson) {
                        return null; // a planted bad record
                    }
                })
                .filter(t -> t != null
                        && "OPENED".equals(Runs.text(t, "type"))
                        && Runs.text(t, "ticket_id") != null
                        && Runs.text(t, "ticket_id").startsWith("s11-surge-t"))
                .toList();
        assertThat(opened).extracting(t -> Runs.text(t, "cause")).contains("company.billing", "agent.attitude");
        for (JsonNode t : opened) {
            Instant ts = Runs.instant(t, "ts");
            if (Runs.text(t, "cause").equals("company.billing")) {
                assertThat(ts).isBetween(Instant.parse("2026-11-10T08:00:00Z"), Instant.parse("2026-11-10T11:02:00Z"));
            } else {
                assertThat(ts).isBetween(Instant.parse("2026-11-10T13:00:00Z"), Instant.parse("2026-11-10T14:32:00Z"));
            }
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "cause=company.bill,start=2026-11-10T10:00,hours=2,factor=4 | unknown cause 'company.bill' (one of agent.knowledge,",
                "cause=company.billing,start=2026-11-10T10:00,hours=2 | missing factor=",
                "cause=company.billing,start=2026-11-10T10:00,hours=2,factor=0.5 | factor must be above 1",
                "cause=company.billing,start=2026-11-10T10:00,hours=0,factor=4 | hours must be above 0",
                "cause=company.billing,start=10:00,hours=2,factor=4 | start '10:00' is neither a local date-time",
                "cause=company.billing,start=2026-11-10T10:00,hours=2,factor=four | factor 'four' is not a number",
                "cause=company.billing,start=2026-11-10T10:00,hours=2,factor=4,duration=2 | 'duration=2' is not one of",
                "cause=company.billing,start=2026-11-10T10:00,hours=2,factor=4,factor=5 | factor is given twice",
                "cause=company.billing,start=2026-12-10T10:00,hours=2,factor=4 | lies outside the simulated period",
                "cause=company.billing,start=2026-11-10T10:00,hours=2,factor=4 --billing-month-start-factor 0 | --billing-month-start-factor must be above 0",
            })
    void aBadComplaintSurgeIsOneClearLine(String surge, String message) {
        StringWriter err = new StringWriter();
        CommandLine cli = SimulatorMain.commandLine(new SimulatorMain());
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute(
                "--out-dir",
                dir.toString(),
                "--agents",
                "10",
                "--days",
                "1",
                "--start-date",
                "2026-11-10",
                "--complaint-surge",
                surge.split(" ")[0],
                surge.contains(" ") ? surge.split(" ")[1] : "--seed",
                surge.contains(" ") ? surge.split(" ")[2] : "42");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains(message);
    }

    @Test
    void refusesToRunWithoutATarget() {
        int code = new CommandLine(new SimulatorMain()).execute("--agents", "10");

        assertThat(code).isNotZero();
    }
}
