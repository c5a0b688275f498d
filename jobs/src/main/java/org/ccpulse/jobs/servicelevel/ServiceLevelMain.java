package org.ccpulse.jobs.servicelevel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.jobs.intake.Intake;
import org.ccpulse.jobs.intake.IntakeSources;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.parse.ContactEventParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the service-level job: on a Flink cluster ({@code flink run -c ... ccpulse-jobs-*-job.jar})
 * or locally ({@code java -cp ...}), from Kafka or, for a backfill, from NDJSON files.
 * ClickHouse access comes from the environment (CLICKHOUSE_URL, CLICKHOUSE_USER, CLICKHOUSE_PASSWORD[_FILE]).
 */
@Command(name = "service-level", mixinStandardHelpOptions = true,
        description = "Computes queue service level, ASA, abandons, AHT and live queue state into ClickHouse.")
public final class ServiceLevelMain implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka to read contact events from and send dead letters to (env KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(names = "--input-files", split = ",",
            description = "backfill: read these NDJSON files (or folders) instead of Kafka, then stop")
    List<Path> inputFiles;

    @Option(names = "--topic", defaultValue = "contact-events")
    String topic;

    @Option(names = "--dead-letter-topic", defaultValue = DeadLetterSinks.TOPIC)
    String deadLetterTopic;

    @Option(names = "--group-id", defaultValue = "ccpulse-service-level")
    String groupId;

    @Option(names = "--config", description = "service-level rules (YAML); METRICS.md defaults when absent")
    Path config;

    @Option(names = "--checkpoint-interval", defaultValue = "PT10S", converter = DurationConverter.class)
    Duration checkpointInterval;

    @Option(names = "--parallelism", defaultValue = "-1", description = "default: the environment's")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.AT_LEAST_ONCE);
        ServiceLevelConfig rules = config == null ? ServiceLevelConfig.defaults() : ServiceLevelConfig.load(config);
        ClickHouseAccess clickHouse = ClickHouseAccess.fromEnvironment(System.getenv());

        Source<Intake<ContactEvent>, ?, ?> source;
        if (inputFiles != null && !inputFiles.isEmpty()) {
            source = IntakeSources.files(topic, ContactEventParser::new, ServiceLevelJob.INTAKE_TYPE, inputFiles.toArray(Path[]::new));
        } else if (bootstrapServers != null) {
            source = kafkaSource(bootstrapServers, topic, groupId);
        } else {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "give --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) or --input-files");
        }
        ServiceLevelJob.build(env, source, rules, ServiceLevelJob.Settings.defaults(),
                ServiceLevelSinks.of(clickHouse, bootstrapServers, deadLetterTopic));
        env.execute("ccpulse service level");
        return 0;
    }

    /** Contact events from Kafka, from the group's committed offsets (the earliest when the group is new). */
    public static Source<Intake<ContactEvent>, ?, ?> kafkaSource(String bootstrapServers, String topic, String groupId) {
        return IntakeSources.kafka(bootstrapServers, topic, groupId, ContactEventParser::new, ServiceLevelJob.INTAKE_TYPE);
    }

    /** ISO-8601 durations on the command line, e.g. PT10S. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Duration.parse(value);
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServiceLevelMain()).execute(args));
    }
}
