package org.ccpulse.infra.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the embedded ClickHouse server ({@link ChdbHttpServerMain}) in a child JVM, because chDB is
 * a whole ClickHouse inside the process (threads, signal handling, one data directory per process).
 * The child stops when {@link #close()} is called or when this JVM dies (it watches its stdin).
 */
public final class EmbeddedClickHouse implements AutoCloseable {

    /**
     * How to start the server. Port 0 picks a free port. {@code user} has full access; each of
     * {@code readOnlyUsers} (name to password) may only read, as Grafana's user should, and only
     * {@code readOnlyDatabase} (and the system tables Grafana's plugin reads).
     */
    public record Options(
            int port,
            String user,
            String password,
            Map<String, String> readOnlyUsers,
            String readOnlyDatabase,
            Duration startTimeout) {
        public static Options defaults() {
            return new Options(0, "default", "", Map.of(), "default", Duration.ofMinutes(3));
        }

        public Options withPort(int newPort) {
            return new Options(newPort, user, password, readOnlyUsers, readOnlyDatabase, startTimeout);
        }

        public Options withCredentials(String newUser, String newPassword) {
            return new Options(port, newUser, newPassword, readOnlyUsers, readOnlyDatabase, startTimeout);
        }

        public Options withReadOnlyUser(String name, String userPassword) {
            Map<String, String> users = new java.util.TreeMap<>(readOnlyUsers);
            users.put(name, userPassword);
            return new Options(port, user, password, Map.copyOf(users), readOnlyDatabase, startTimeout);
        }

        /** The database read-only users read (default: {@code default}). */
        public Options withReadOnlyDatabase(String database) {
            return new Options(port, user, password, readOnlyUsers, database, startTimeout);
        }
    }

    private final Process process;
    private final int port;
    private final Options options;
    private final Path log;

    private EmbeddedClickHouse(Process process, int port, Options options, Path log) {
        this.process = process;
        this.port = port;
        this.options = options;
        this.log = log;
    }

    public static EmbeddedClickHouse start(Path dataDir) {
        return start(dataDir, Options.defaults());
    }

    /**
     * Starts a server on {@code dataDir} (created if missing; an existing one keeps its tables) and waits
     * until GET /ping answers. The child's output goes to {@code <dataDir>/../<dataDir name>-server.log}.
     *
     * @throws IllegalStateException with the child's output when it does not come up in time
     */
    public static EmbeddedClickHouse start(Path dataDir, Options options) {
        Path data = dataDir.toAbsolutePath();
        Path log = data.resolveSibling(data.getFileName() + "-server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ChdbHttpServerMain.class.getName(),
                "--path",
                data.toString(),
                "--port",
                Integer.toString(options.port()),
                "--readonly-users",
                String.join(",", options.readOnlyUsers().keySet()),
                "--readonly-database",
                options.readOnlyDatabase(),
                "--users-from-stdin",
                "--exit-on-stdin-eof"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // passwords go through the child's stdin: neither its command line (ps) nor its environment
        // (/proc/<pid>/environ) holds them
        StringBuilder users = new StringBuilder(options.user() + ":" + options.password());
        options.readOnlyUsers()
                .forEach(
                        (name, pw) -> users.append(',').append(name).append(':').append(pw));
        builder.environment().remove(ChdbHttpServerMain.USERS_ENV);
        try {
            Files.createDirectories(data);
            Process process = builder.start();
            process.getOutputStream().write((users + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush(); // stdin stays open: the child stops when it closes
            int port = awaitListening(process, log, options.startTimeout());
            EmbeddedClickHouse server = new EmbeddedClickHouse(process, port, options, log);
            server.awaitPing(options.startTimeout());
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded ClickHouse: " + e.getMessage(), e);
        }
    }

    /** Waits for the child's "LISTENING <port>" line in its log. */
    private static int awaitListening(Process process, Path log, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(ChdbHttpServerMain.LISTENING)) {
                    return Integer.parseInt(line.substring(ChdbHttpServerMain.LISTENING.length())
                            .strip());
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("embedded ClickHouse exited with " + process.exitValue()
                        + " before listening; its output (" + log + "):\n" + Files.readString(log));
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("embedded ClickHouse did not start within " + timeout + "; its output (" + log
                + "):\n" + Files.readString(log));
    }

    private void awaitPing(Duration timeout) throws IOException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ping = HttpRequest.newBuilder(URI.create(httpUrl() + "/ping"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (Instant.now().isBefore(deadline)) {
            try {
                if (client.send(ping, HttpResponse.BodyHandlers.ofString())
                        .body()
                        .equals("Ok.\n")) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException(
                "embedded ClickHouse does not answer /ping; its output (" + log + "):\n" + Files.readString(log));
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A URL clickhouse-jdbc accepts, with no driver settings: the driver's defaults apply. */
    public String jdbcUrl() {
        return "jdbc:clickhouse://127.0.0.1:" + port + "/default";
    }

    public int port() {
        return port;
    }

    public String user() {
        return options.user();
    }

    public String password() {
        return options.password();
    }

    public Path logFile() {
        return log;
    }

    /** Asks the child to stop (closing its stdin, then SIGTERM) and kills it if it takes longer than 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting embedded ClickHouse", e);
        }
    }
}
