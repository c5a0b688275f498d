package org.ccpulse.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.platform.Topic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one entry point for every job: runs any set of them as one Flink job, on a cluster
 * ({@code flink run -c org.ccpulse.jobs.CcpulseMain ccpulse-jobs-*-job.jar ...}) or locally
 * ({@code java -cp ...}), from Kafka or, for a backfill, from NDJSON files. ClickHouse access comes
 * from the environment (CLICKHOUSE_URL, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD[_FILE]).
 */
@Command(
        name = "ccpulse-jobs",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Runs ccpulse's metric jobs (one Flink job; jobs reading the same topic share its intake).")
public final class CcpulseMain implements Callable<Integer> {

    @Option(
            names = "--jobs",
            defaultValue = "all",
            description = "Comma-separated job names, or all. Default: ${DEFAULT-VALUE}")
    String jobs;

    @Option(
            names = "--config",
            description =
                    "Deployment configuration (YAML, e.g. jobs/config/ccpulse.yaml). Default: METRICS.md's defaults")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka to read from and send dead letters to (env KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(
            names = "--input-files",
            paramLabel = "TOPIC=FILE[,FILE]",
            description =
                    "Backfill: read a topic from NDJSON files (or folders) instead of Kafka, then stop; repeat per topic")
    List<String> inputFiles = new ArrayList<>();

    @Option(
            names = "--topic",
            paramLabel = "TOPIC=KAFKA_TOPIC",
            description = "Read a topic from a Kafka topic of another name")
    Map<String, String> topicNames = new LinkedHashMap<>();

    @Option(
            names = "--dead-letter-topic",
            defaultValue = DeadLetterSinks.TOPIC,
            description = "Default: ${DEFAULT-VALUE}")
    String deadLetterTopic;

    @Option(
            names = "--complaint-spikes-topic",
            defaultValue = OutputTopic.COMPLAINT_SPIKES_NAME,
            description = "Where the complaints job publishes its spikes. Default: ${DEFAULT-VALUE}")
    String complaintSpikesTopic;

    @Option(
            names = "--churn-alerts-topic",
            defaultValue = OutputTopic.CHURN_ALERTS_NAME,
            description = "Where the customer-value job publishes its churn alerts. Default: ${DEFAULT-VALUE}")
    String churnAlertsTopic;

    @Option(
            names = "--group-id",
            description =
                    "Kafka consumer group; also names the output topics' transactions (unique per deployed job). Default: ccpulse-<job names>")
    String groupId;

    @Option(names = "--parallelism", defaultValue = "0", description = "0 = the environment's default")
    int parallelism;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "PT10S",
            converter = DurationConverter.class,
            description = "ISO-8601. Default: ${DEFAULT-VALUE}")
    Duration checkpointInterval;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            converter = BackendConverter.class,
            description = "rocksdb (incremental checkpoints), forst or heap. Default: ${DEFAULT-VALUE}")
    StateSettings.Backend stateBackend;

    @Option(
            names = "--checkpoint-dir",
            description =
                    "Where checkpoints are kept (a file system URI), under a folder named after the jobs; retained "
                            + "when the job is cancelled or dies, and a later run of the same jobs from Kafka resumes from the newest")
    String checkpointDir;

    @Option(
            names = "--restore",
            description = "Start from this checkpoint or savepoint (instead of the newest in --checkpoint-dir)")
    String restoreFrom;

    /** Everything a run needs, checked before anything starts. */
    record Run(
            List<MetricJob> jobs,
            DeploymentConfig config,
            Inputs inputs,
            ClickHouseOutputs outputs,
            RunOptions options,
            String name) {}

    private final Map<String, String> env;
    private final PrintStream err;

    CcpulseMain(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        Run run = plan(env);
        err.println("ccpulse-jobs: " + run.name()
                + (run.options().restoreFrom() == null
                        ? ", no checkpoint to resume from: Kafka topics are read from the earliest offset they hold"
                        : ", resuming from " + run.options().restoreFrom()));
        try {
            Launcher.start(run.name(), run.options(), run.jobs(), run.config(), run.inputs(), run.outputs())
                    .getJobExecutionResult()
                    .get();
        } catch (ExecutionException e) {
            // Flink gave up after its restarts: end the process, saying why in one line.
            err.println("ccpulse-jobs: " + run.name() + " failed and was given up: " + rootCause(e));
            return 1;
        } catch (Exception e) {
            err.println("ccpulse-jobs: " + run.name() + " could not start: " + rootCause(e));
            return 1;
        }
        return 0;
    }

    /** The innermost cause of a failure, as {@code Type: message}. */
    public static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Validates the command line into a run; throws IllegalArgumentException with one clear sentence. */
    Run plan(Map<String, String> env) throws IOException {
        List<MetricJob> chosen = Jobs.named(jobs);
        if (config != null && !Files.isRegularFile(config)) {
            throw new IllegalArgumentException("--config: no such file " + config);
        }
        DeploymentConfig deployment =
                Jobs.checked(config == null ? DeploymentConfig.defaults() : DeploymentConfig.load(config));
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("--checkpoint-interval must be positive");
        }
        topicNames.keySet().forEach(Topic::named);
        String names = chosen.stream().map(MetricJob::name).collect(Collectors.joining(","));
        String group = groupId != null ? groupId : "ccpulse-" + names.replace(',', '-');
        Inputs inputs;
        if (!inputFiles.isEmpty()) {
            inputs = Inputs.files(filesPerTopic(inputFiles, chosen));
        } else if (bootstrapServers != null && !bootstrapServers.isBlank()) {
            inputs = Inputs.kafka(bootstrapServers, group, topicNames);
        } else {
            throw new IllegalArgumentException(
                    "give --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) or --input-files");
        }
        ClickHouseOutputs outputs = new ClickHouseOutputs( // output topics' transactions named after the group
                ClickHouseAccess.fromEnvironment(env),
                inputFiles.isEmpty() ? bootstrapServers : null,
                deadLetterTopic,
                group + "-dead-letters",
                group,
                Map.of(
                        OutputTopic.COMPLAINT_SPIKES.name(), complaintSpikesTopic,
                        OutputTopic.CHURN_ALERTS.name(), churnAlertsTopic));
        RunOptions options = new RunOptions(parallelism, checkpointInterval, stateBackend, null, restoreFrom);
        if (checkpointDir != null) {
            options = options.withCheckpointsOf(checkpointDir, chosen);
            if (inputFiles.isEmpty()) { // a backfill from files always starts afresh
                options = options.resumingFromLatest();
            }
        }
        return new Run(chosen, deployment, inputs, outputs, options, "ccpulse " + names);
    }

    /** {@code contact-events=a.ndjson,b/} per option; every topic the jobs read needs files. */
    static Map<String, List<Path>> filesPerTopic(List<String> options, List<MetricJob> jobs) {
        Map<String, List<Path>> files = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0 || eq == option.length() - 1) {
                throw new IllegalArgumentException("--input-files takes TOPIC=FILE[,FILE], got '" + option + "'");
            }
            String topic = Topic.named(option.substring(0, eq)).name();
            for (String file : option.substring(eq + 1).split(",")) {
                Path path = Path.of(file);
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("--input-files: no such file or folder " + path);
                }
                files.computeIfAbsent(topic, t -> new ArrayList<>()).add(path);
            }
        }
        Set<String> needed = new LinkedHashSet<>();
        jobs.forEach(job -> job.topics().forEach(t -> needed.add(t.name())));
        needed.removeAll(files.keySet());
        if (!needed.isEmpty()) {
            throw new IllegalArgumentException("--input-files: the chosen jobs also read " + String.join(", ", needed));
        }
        return files;
    }

    /** ISO-8601 durations on the command line, e.g. PT10S (the benchmarks' options too). */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.parse(value);
        }
    }

    /** A state backend on the command line: rocksdb, forst or heap (the benchmarks' options too). */
    public static final class BackendConverter implements CommandLine.ITypeConverter<StateSettings.Backend> {
        @Override
        public StateSettings.Backend convert(String value) {
            return StateSettings.Backend.parse(value);
        }
    }

    /** Bad input gets one line naming the problem, before anything starts. */
    static int execute(String[] args, PrintStream err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new CcpulseMain(env, err));
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("ccpulse-jobs: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException) {
                err.println("ccpulse-jobs: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.err, System.getenv()));
    }
}
