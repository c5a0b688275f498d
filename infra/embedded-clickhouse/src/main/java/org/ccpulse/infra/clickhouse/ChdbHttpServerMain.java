package org.ccpulse.infra.clickhouse;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line entry of the embedded ClickHouse server: chDB on a data directory behind ClickHouse's
 * HTTP interface. Prints {@code LISTENING <port>} once it accepts requests.
 */
@Command(
        name = "chdb-http-server",
        mixinStandardHelpOptions = true,
        description = "ClickHouse HTTP interface on the chDB engine (embedded ClickHouse for tests and demos).")
public final class ChdbHttpServerMain implements Callable<Integer> {

    static final String USERS_ENV = "CCPULSE_CLICKHOUSE_USERS";
    static final String READONLY_USERS_ENV = "CCPULSE_CLICKHOUSE_READONLY_USERS";
    static final String READONLY_DATABASE_ENV = "CCPULSE_CLICKHOUSE_READONLY_DATABASE";
    static final String LISTENING = "LISTENING ";

    private static final Logger LOG = LoggerFactory.getLogger(ChdbHttpServerMain.class);

    @Option(names = "--path", required = true, description = "data directory (created if missing; kept between runs)")
    Path dataDir;

    @Option(
            names = "--port",
            defaultValue = "8123",
            description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(
            names = "--users",
            defaultValue = "${env:" + USERS_ENV + ":-" + Users.DEFAULT_SPEC + "}",
            description = "accepted users as name:password[,name:password...]; default from $" + USERS_ENV
                    + ", else 'default' with an empty password")
    String users;

    @Option(
            names = "--users-from-stdin",
            description = "read the users (name:password[,...]) from the first line of standard input instead;"
                    + " what the launcher does, so that no password is in the command line or the environment")
    boolean usersFromStdin;

    @Option(
            names = "--readonly-users",
            defaultValue = "${env:" + READONLY_USERS_ENV + ":-}",
            description = "comma-separated names among --users that may only read (readonly = 2); default from $"
                    + READONLY_USERS_ENV)
    String readOnlyUsers;

    @Option(
            names = "--readonly-database",
            defaultValue = "${env:" + READONLY_DATABASE_ENV + ":-default}",
            description = "the one database read-only users read and work in (default: $" + READONLY_DATABASE_ENV
                    + ", else default)")
    String readOnlyDatabase;

    @Option(
            names = "--confine-files",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "confine the process's file access to the data directory with Linux Landlock"
                    + " (default: on; without kernel support the server starts unconfined and logs it)")
    boolean confineFiles;

    @Option(
            names = "--max-concurrent-queries",
            defaultValue = "4",
            description = "queries the engine runs at once; more wait (default: ${DEFAULT-VALUE})")
    int maxConcurrentQueries;

    @Option(names = "--exit-on-stdin-eof", description = "stop when standard input closes (the launching process died)")
    boolean exitOnStdinEof;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChdbHttpServerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String userSpec = usersFromStdin ? firstLineOfStdin() : users;
        Users accepted = Users.parse(userSpec, readOnlyUsers);
        Files.createDirectories(dataDir);
        Path library = ChdbLibrary.locate();
        Path configFile = EngineConfig.write(dataDir, readOnlyDatabase);
        InetSocketAddress address = new InetSocketAddress(host, port); // resolved before confinement
        LOG.info("chDB library {}, data directory {}", library, dataDir);
        if (confineFiles) {
            List<Path> reads = new ArrayList<>(FileConfinement.runtimePaths());
            reads.add(library.toAbsolutePath().getParent());
            java.util.TimeZone.getDefault(); // the JVM reads the zone once, before confinement
            FileConfinement.Result confinement = FileConfinement.confine(dataDir.toAbsolutePath(), reads);
            if (confinement.confined()) {
                LOG.info("file access confined: {}", confinement.description());
            } else {
                LOG.warn("file access NOT confined: {}", confinement.description());
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // On SIGTERM the hook lets the main thread close the server and the engine before the JVM halts.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            awaitQuietly(stopped);
                        },
                        "chdb-http-shutdown"));
        try (ChdbEngine engine = new ChdbEngine(library, dataDir, configFile, readOnlyDatabase, maxConcurrentQueries);
                ChdbHttpServer server = new ChdbHttpServer(engine, accepted, address, 32)) {
            if (exitOnStdinEof) {
                watchStdin(stop);
            }
            LOG.info("ClickHouse {} (chDB) serving http://{}:{}/", engine.serverVersion(), host, server.port());
            System.out.println(LISTENING + server.port());
            System.out.flush();
            stop.await();
            LOG.info("stopping");
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    /** The first line of standard input, read byte by byte so that nothing after it is consumed. */
    private static String firstLineOfStdin() throws java.io.IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = System.in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void watchStdin(CountDownLatch stop) {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // the launcher never writes; only EOF matters
                        }
                    } catch (java.io.IOException ignored) {
                        // a broken pipe means the same as EOF
                    }
                    stop.countDown();
                },
                "stdin-eof-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
