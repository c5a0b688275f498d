package org.ccpulse.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ccpulse.jobs.Jobs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.MetricJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code infra/bin/run}: the whole pipeline on one machine, with a live summary in the terminal. */
@Command(
        name = "ccpulse-local",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs Kafka, ClickHouse, the simulated contact center and the metric jobs on this machine.",
            "Ctrl-C stops everything; ClickHouse keeps its data in the data directory.",
            "Everything listens on 127.0.0.1 only. One run per data directory.",
            "Exit codes: 0 stopped, 1 refused to start (data directory in use, port taken) or failed,",
            "2 wrong option; both refusals are one line, before anything starts."
        })
public final class LocalMain implements Callable<Integer> {

    static final Path DEFAULT_CONFIG = Path.of("jobs", "config", "ccpulse.yaml");
    static final Duration SUMMARY_EVERY = Duration.ofSeconds(5);
    static final String NAME = "ccpulse-local";
    /** Exit code of a wrong option (picocli's usage error). */
    static final int USAGE_ERROR = CommandLine.ExitCode.USAGE;
    /** Exit code of a {@link StartRefused}. */
    static final int START_REFUSED = 1;

    @Option(
            names = "--data-dir",
            defaultValue = ".ccpulse",
            description = "ClickHouse data, checkpoints, credentials, this run's Kafka. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "0 = any free port. Default: ${DEFAULT-VALUE}")
    int kafkaPort;

    @Option(
            names = "--clickhouse-port",
            defaultValue = "8123",
            description = "HTTP interface; 0 = any free port. Default: ${DEFAULT-VALUE}")
    int clickHousePort;

    @Option(
            names = "--agents",
            defaultValue = "100",
            description = "Agents of the simulated center, at least 5 (one per queue). Default: ${DEFAULT-VALUE}")
    int agents;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "Simulated seconds per second (> 0). Default: ${DEFAULT-VALUE}")
    double speed;

    @Option(
            names = "--config",
            description =
                    "Deployment configuration (YAML). Default: jobs/config/ccpulse.yaml if present, else METRICS.md defaults")
    Path config;

    @Option(
            names = "--jobs",
            defaultValue = "all",
            description = "Comma-separated job names, or all. Default: ${DEFAULT-VALUE}")
    String jobs;

    @Option(names = "--duration", description = "Stop after this long (ISO-8601, e.g. PT2M). Default: until Ctrl-C")
    Duration duration;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--zone",
            description =
                    "The simulated center's local clock and business time zone (shifts, busy and "
                            + "quiet hours, \"today\"). Default: a fixed offset where it is late morning now, so there is traffic at any hour")
    ZoneId zone;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final PrintStream out;

    public LocalMain(Map<String, String> env, PrintStream out) {
        this.env = env;
        this.out = out;
    }

    /** A whole-hour UTC offset where the local time is between 10:00 and 11:00 at {@code now}. */
    static ZoneOffset lateMorningZone(Instant now) {
        int offset = 10 - now.atOffset(ZoneOffset.UTC).getHour();
        if (offset < -12) {
            offset += 24;
        } else if (offset > 14) {
            offset -= 24;
        }
        return ZoneOffset.ofHours(offset);
    }

    public static void main(String[] args) {
        // before anything logs: our quiet configuration (dependencies bring log4j2 files of their own,
        // and a YAML one would win over any log4j2.xml), and logging alive until our shutdown hook is done
        System.setProperty("log4j2.configurationFile", "org/ccpulse/local/log4j2.xml");
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        int code = commandLine(new LocalMain(System.getenv(), System.out)).execute(args);
        System.exit(code);
    }

    /**
     * The command line, whose errors are one line on standard error: a wrong option exits with 2
     * ({@link #USAGE_ERROR}) and a refused start ({@link StartRefused}) with 1, both before anything started.
     */
    static CommandLine commandLine(LocalMain main) {
        CommandLine cmd = new CommandLine(main);
        cmd.registerConverter(ZoneId.class, LocalMain::zone);
        cmd.registerConverter(Duration.class, LocalMain::duration);
        cmd.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(oneLine(e.getMessage()) + " (--help lists the options)");
            return USAGE_ERROR;
        });
        return cmd;
    }

    private static ZoneId zone(String text) {
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw new CommandLine.TypeConversionException("unknown time zone '" + text
                    + "' (an IANA name such as Europe/Berlin, or an offset such as +02:00)");
        }
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not an ISO-8601 duration such as PT2M or PT1H30M");
        }
    }

    private static String oneLine(String message) {
        return NAME + ": " + message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    @Override
    public Integer call() throws Exception {
        Path rules = config != null ? config : Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
        ZoneId centerZone = zone != null ? zone : lateMorningZone(Instant.now());
        List<MetricJob> chosen = validate(rules, centerZone);
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the main thread stops everything in order; the JVM waits for it here.
        Thread hook = new Thread(
                () -> {
                    out.println("\nstopping...");
                    stopRequested.countDown();
                    awaitQuietly(stopped);
                },
                "ccpulse-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        LocalRun run = null;
        try {
            try {
                run = LocalRun.start(
                        new LocalRun.Settings(
                                dataDir, kafkaPort, clickHousePort, agents, speed, centerZone, rules, seed, chosen),
                        env,
                        out);
            } catch (StartRefused e) {
                spec.commandLine().getErr().println(oneLine(e.getMessage()));
                return START_REFUSED;
            }
            out.print(Banner.render(run.clickHouseUrl(), run.clickHousePort(), run.credentials()));
            Instant end = duration == null ? null : Instant.now().plus(duration); // null: until Ctrl-C
            while ((end == null || Instant.now().isBefore(end))
                    && !stopRequested.await(untilNextSummary(end), TimeUnit.MILLISECONDS)) {
                printSummary(run);
                if (run.jobFailed()) {
                    // Flink gave up after its bounded restarts: stop everything rather than run on without figures
                    spec.commandLine()
                            .getErr()
                            .println("ccpulse-local: the jobs failed and were given up: " + oneLine(run.jobFailure())
                                    + "; stopping");
                    return JOB_FAILED;
                }
            }
        } finally {
            if (run != null) {
                run.close();
                out.println("stopped; data kept in " + dataDir.toAbsolutePath());
            }
            stopped.countDown();
            removeHook(hook);
        }
        return 0;
    }

    /** Exit code when the jobs fail for good (after Flink's bounded restarts). */
    static final int JOB_FAILED = 3;

    /**
     * Every option checked before anything starts (the simulator's own rules included), so a wrong one costs a
     * line, not a started Kafka and ClickHouse. Returns the chosen jobs.
     */
    private List<MetricJob> validate(Path rules, ZoneId centerZone) {
        if (dataDir.toString().isBlank() || (Files.exists(dataDir) && !Files.isDirectory(dataDir))) {
            throw usage("--data-dir " + dataDir + " is not a directory");
        }
        checkPort("--kafka-port", kafkaPort);
        checkPort("--clickhouse-port", clickHousePort);
        if (kafkaPort != 0 && kafkaPort == clickHousePort) {
            throw usage("--kafka-port and --clickhouse-port are both " + kafkaPort);
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw usage("--speed must be a positive number of simulated seconds per second, got " + speed);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw usage("--duration must be positive, got " + duration);
        }
        try {
            LiveSimulator.check(agents, centerZone, seed);
        } catch (IllegalArgumentException e) {
            throw usage("--agents " + agents + ": " + e.getMessage());
        }
        List<MetricJob> chosen;
        try {
            chosen = Jobs.named(jobs);
        } catch (IllegalArgumentException e) {
            throw usage("--jobs " + jobs + ": " + e.getMessage());
        }
        if (rules != null) {
            if (!Files.isRegularFile(rules)) {
                throw usage("--config " + rules + ": no such file");
            }
            try {
                Jobs.checked(DeploymentConfig.load(rules));
            } catch (Exception e) {
                throw usage("--config " + rules + ": " + e.getMessage());
            }
        }
        return chosen;
    }

    private void checkPort(String option, int port) {
        if (port < 0 || port > 65_535) {
            throw usage(option + " must be 0 (any free port) or 1..65535, got " + port);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static long untilNextSummary(Instant end) {
        long every = SUMMARY_EVERY.toMillis();
        return end == null
                ? every
                : Math.max(
                        0, Math.min(every, Duration.between(Instant.now(), end).toMillis()));
    }

    private void printSummary(LocalRun run) {
        try {
            out.print(SummaryTable.render(Instant.now(), run.liveSummary().read()));
            out.println("job " + run.jobStatus());
        } catch (Exception e) {
            out.println("summary not available: " + e.getMessage());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // we are inside the shutdown the hook belongs to
        }
    }
}
