package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.testing.JobRuns.CONFIG;

import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end: simulated traffic (with its mess) into the embedded Kafka broker, the job on a
 * MiniCluster, figures into ClickHouse; {@code service_level_interval} must equal a plain
 * recomputation of the same records.
 */
@ExtendWith(ComponentsExtension.class)
class ServiceLevelClickHouseIT {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void serviceLevelIntervalMatchesAPlainRecomputation(
            KafkaEndpoint kafka, ClickHouseEndpoint clickHouse, @UniqueTopic(partitions = 3) String topic)
            throws Exception {
        SimulatedTraffic traffic = SimulatedTraffic.simulate(dir, 40, 1, "2026-10-25", 11); // a DST day in Berlin
        traffic.produce(kafka.bootstrapServers(), topic);
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);

        JobRuns.runUntilNow(kafka, topic, db);

        Map<String, QueueCounts> expected = PlainRecomputation.perInterval(traffic.acceptedEvents(), CONFIG);
        Map<String, IntervalFigures.Row> actual = IntervalFigures.read(db);
        IntervalFigures.assertEqualToRecomputation(actual, expected, CONFIG);
        long answered = expected.values().stream().mapToLong(c -> c.answered).sum();
        System.out.printf(
                "service_level_interval: %d rows, %d answered, %d records in, %d rejected%n",
                actual.size(), answered, traffic.size(), traffic.rejectedCount());
        assertThat(answered).isGreaterThan(1_000);
        assertThat(IntervalFigures.count(db, "SELECT count() FROM dead_letters FINAL"))
                .isEqualTo(traffic.rejectedCount());
    }
}
