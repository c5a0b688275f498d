package org.ccpulse.jobs.servicelevel;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;

/**
 * The production command line of the restart ITs, whether the job runs in a JVM of its own or on a Flink cluster:
 * {@code CcpulseMain} with the service-level job alone, reading {@code topic}, parallelism 2, RocksDB with
 * incremental checkpoints into {@code checkpoints}; and the environment that gives it ClickHouse.
 */
final class ServiceLevelCommandLine {

    private ServiceLevelCommandLine() {}

    static List<String> arguments(
            KafkaEndpoint kafka,
            String topic,
            String config,
            String group,
            Duration checkpointInterval,
            String checkpoints) {
        return List.of(
                "--jobs",
                "service-level",
                "--config",
                config,
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic",
                "contact-events=" + topic,
                "--group-id",
                group,
                "--parallelism",
                "2",
                "--checkpoint-interval",
                checkpointInterval.toString(),
                "--checkpoint-dir",
                checkpoints);
    }

    /**
     * ClickHouse for the job's main, which carries it to the sinks: variables to set, and a null value for one to
     * unset (a password file of the caller's own would win over the password).
     */
    static Map<String, String> clickHouseEnvironment(ClickHouseAccess db) {
        Map<String, String> environment = new HashMap<>();
        environment.put("CLICKHOUSE_URL", db.url());
        environment.put("CLICKHOUSE_USER", db.user());
        environment.put("CLICKHOUSE_PASSWORD", db.password());
        environment.put("CLICKHOUSE_PASSWORD_FILE", null);
        return environment;
    }
}
