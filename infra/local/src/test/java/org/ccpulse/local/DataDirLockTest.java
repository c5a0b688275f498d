package org.ccpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ccpulse.jobs.Jobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run per data directory, whether the other run is in this JVM or another process, and the lock goes
 * with the process that held it, however it ends.
 */
class DataDirLockTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondLockInThisProcessIsRefusedUntilTheFirstIsReleased() throws Exception {
        try (DataDirLock first = DataDirLock.acquire(dataDir)) {
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
                    .isInstanceOf(StartRefused.class)
                    .hasMessageContaining("data directory " + dataDir.toRealPath() + " is in use by another run")
                    .hasMessageContaining("in this process");
            assertThat(first.file())
                    .hasContent(Long.toString(ProcessHandle.current().pid()));
        }
        DataDirLock.acquire(dataDir).close();
    }

    @Test
    void aLockHeldThroughAnotherChannelOfThisJvmCountsAsInUse() throws Exception {
        Path file = dataDir.resolve(DataDirLock.FILE_NAME);
        try (FileChannel other = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = other.lock()) {
            // the JVM refuses an overlapping lock (OverlappingFileLockException), which the lock reports as in use
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
                    .isInstanceOf(StartRefused.class)
                    .hasMessageContaining("is in use by another run");
            // and the refused attempt left that lock in force for other processes
            assertThat(childSays(dataDir, "try")).isEqualTo("refused");
        }
        DataDirLock.acquire(dataDir).close();
    }

    @Test
    void aRefusedSecondLockInThisProcessLeavesTheFirstInForce() throws Exception {
        try (DataDirLock first = DataDirLock.acquire(dataDir)) {
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir)).isInstanceOf(StartRefused.class);
            assertThat(childSays(dataDir, "try")).isEqualTo("refused");
        }
        assertThat(childSays(dataDir, "try")).isEqualTo("locked");
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedAndItsDeathReleasesIt() throws Exception {
        Process holder = startHolder(dataDir);
        try {
            assertThatThrownBy(() -> DataDirLock.acquire(dataDir))
                    .isInstanceOf(StartRefused.class)
                    .hasMessageContaining("is in use by another run (pid " + holder.pid() + ")");

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no close; the operating system releases
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            DataDirLock.acquire(dataDir).close();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aRefusedStartChangesNothingInTheDataDirectory() throws Exception {
        Path kafkaData = Files.createDirectories(dataDir.resolve("kafka"));
        Files.writeString(kafkaData.resolve("segment"), "the first run's");
        try (DataDirLock first = DataDirLock.acquire(dataDir)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> LocalRun.start(
                            new LocalRun.Settings(dataDir, 0, 0, 5, 1.0, ZoneOffset.UTC, null, 42, Jobs.named("all")),
                            Map.of(),
                            System.out))
                    .isInstanceOf(StartRefused.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(kafkaData.resolve("segment")).hasContent("the first run's");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kafka", "run.lock");
        }
    }

    @Test
    void aFixedPortInUseIsRefusedBeforeAnythingStarts() throws Exception {
        try (java.net.ServerSocket taken =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> LocalRun.start(
                            new LocalRun.Settings(
                                    dataDir, port, 0, 5, 1.0, ZoneOffset.UTC, null, 42, Jobs.named("all")),
                            Map.of(),
                            System.out))
                    .isInstanceOf(StartRefused.class)
                    .hasMessage("Kafka port " + port + " is in use on 127.0.0.1; stop what uses it, or choose"
                            + " another port (0 = any free port)");
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("run.lock");
        }
        DataDirLock.acquire(dataDir).close(); // released after the refusal
    }

    /** A child JVM that takes the lock, says so, and holds it until killed. */
    private static Process startHolder(Path dataDir) throws Exception {
        Process process = child(dataDir, "hold");
        String said = firstWord(process, "locked");
        assertThat(said).as("the child took the lock").isEqualTo("locked");
        return process;
    }

    /** What a child JVM trying to take the lock says: "locked" or "refused". */
    private static String childSays(Path dataDir, String mode) throws Exception {
        Process process = child(dataDir, mode);
        try {
            return firstWord(process, "locked", "refused");
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process child(Path dataDir, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Holder.class.getName(),
                        dataDir.toString(),
                        mode))
                .redirectErrorStream(true)
                .start();
    }

    private static String firstWord(Process process, String... words) throws Exception {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !List.of(words).contains(line)) {
            // skip whatever else the child prints
        }
        return line;
    }

    /** The child's main: "hold" takes the lock and keeps it until killed; "try" says whether it could take it. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            DataDirLock lock;
            try {
                lock = DataDirLock.acquire(Path.of(args[0]));
            } catch (StartRefused e) {
                System.out.println("refused");
                return;
            }
            System.out.println("locked");
            System.out.flush();
            if (args[1].equals("hold")) {
                Thread.sleep(Long.MAX_VALUE);
            }
            lock.close();
        }
    }
}
