package org.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A wrong option is one line on standard error and exit code 2, before anything starts: the data directory
 * is not even created (the lock in it is the first thing a start does), and nothing is printed on standard out.
 */
class LocalMainTest {

    @TempDir
    Path parent;

    static Stream<Arguments> wrongOptions() {
        return Stream.of(
                Arguments.of(List.of("--agents", "0"), "--agents 0: need at least 5 agents"),
                Arguments.of(List.of("--agents", "-3"), "--agents -3"),
                Arguments.of(List.of("--speed", "-1"), "--speed must be a positive number"),
                Arguments.of(List.of("--speed", "0"), "--speed must be a positive number"),
                Arguments.of(List.of("--speed", "NaN"), "--speed must be a positive number"),
                Arguments.of(List.of("--zone", "Mars/Olympus"), "--zone"),
                Arguments.of(List.of("--jobs", "nosuchjob"), "--jobs nosuchjob: "),
                Arguments.of(List.of("--jobs", ","), "--jobs ,: no job named"),
                Arguments.of(List.of("--duration", "PT0S"), "--duration must be positive"),
                Arguments.of(List.of("--duration", "tomorrow"), "--duration"),
                Arguments.of(List.of("--kafka-port", "70000"), "--kafka-port must be 0"),
                Arguments.of(List.of("--clickhouse-port", "-1"), "--clickhouse-port must be 0"),
                Arguments.of(
                        List.of("--kafka-port", "4000", "--clickhouse-port", "4000"),
                        "--kafka-port and --clickhouse-port are both 4000"),
                Arguments.of(
                        List.of("--config", "no/such/ccpulse.yaml"), "--config no/such/ccpulse.yaml: no such file"),
                Arguments.of(List.of("--no-such-option"), "Unknown option: '--no-such-option'"),
                Arguments.of(List.of("--agents"), "Missing required parameter"));
    }

    @ParameterizedTest
    @MethodSource("wrongOptions")
    void aWrongOptionIsOneLineAndExitCodeTwoBeforeAnythingStarts(List<String> options, String says) {
        Path dataDir = parent.resolve("data");
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        args.addAll(options);

        Result result = run(args);

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err.lines()).hasSize(1);
        assertThat(result.err).startsWith("ccpulse-local: ").contains(says).contains("--help");
        assertThat(result.err).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.out).isEmpty();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aDataDirectoryThatIsAFileIsAWrongOption() throws Exception {
        Path file = Files.writeString(parent.resolve("a-file"), "x");
        Result result = run(List.of("--data-dir", file.toString()));
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err.lines()).singleElement().asString().contains("is not a directory");
    }

    @Test
    void aConfigurationThatDoesNotParseIsAWrongOption() throws Exception {
        Path config = Files.writeString(parent.resolve("ccpulse.yaml"), "no-such-section:\n  x: 1\n");
        Result result = run(List.of("--data-dir", parent.resolve("data").toString(), "--config", config.toString()));
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err.lines()).singleElement().asString().startsWith("ccpulse-local: --config " + config);
        assertThat(parent.resolve("data")).doesNotExist();
    }

    @Test
    void helpNeedsNothingStarted() {
        Result result = run(List.of("--help"));
        assertThat(result.exitCode).isZero();
        assertThat(result.out).contains("--agents").contains("--data-dir").contains("--zone");
        assertThat(result.err).isEmpty();
    }

    @Test
    void aDataDirectoryInUseIsOneLineAndExitCodeOne() throws Exception {
        Path dataDir = parent.resolve("data");
        Path kafkaData = Files.createDirectories(dataDir.resolve("kafka"));
        Files.writeString(kafkaData.resolve("segment"), "the first run's");
        try (DataDirLock first = DataDirLock.acquire(dataDir)) {
            Result result = run(List.of(
                    "--data-dir",
                    dataDir.toString(),
                    "--kafka-port",
                    "0",
                    "--clickhouse-port",
                    "0",
                    "--duration",
                    "PT1S"));

            assertThat(result.exitCode).isEqualTo(1);
            assertThat(result.err.lines())
                    .singleElement()
                    .asString()
                    .startsWith("ccpulse-local: data directory ")
                    .contains("is in use by another run");
            assertThat(result.out).isEmpty();
            assertThat(kafkaData.resolve("segment")).hasContent("the first run's");
            assertThat(dataDir.resolve("credentials")).doesNotExist();
        }
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cmd =
                LocalMain.commandLine(new LocalMain(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8)));
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args.toArray(String[]::new));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
