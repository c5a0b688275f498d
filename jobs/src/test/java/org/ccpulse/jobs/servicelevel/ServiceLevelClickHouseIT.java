package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.intake.IntakeSources;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.parse.ContactEventParser;
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
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Lateness beyond the simulator's longest delivery delay (6 h): every event counts, so the expectation is exact. */
    static final ServiceLevelConfig CONFIG = ServiceLevelConfig.parse("""
            business_zone: Europe/Berlin
            allowed_lateness_minutes: 420
            queues:
              billing: { formula: removed }
              retention: { formula: answered-only, threshold_s: { voice: 15 } }
            """);

    @TempDir
    Path dir;

    @Test
    void serviceLevelIntervalMatchesAPlainRecomputation(KafkaEndpoint kafka, ClickHouseEndpoint clickHouse,
                                                       @UniqueTopic(partitions = 3) String topic) throws Exception {
        SimulatedTraffic traffic = SimulatedTraffic.simulate(dir, 40, 1, "2026-10-25", 11); // a DST day in Berlin
        traffic.produce(kafka.bootstrapServers(), topic, 0, traffic.size());
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);

        runJobUntilNow(kafka, topic, db);

        Map<String, QueueCounts> expected = PlainRecomputation.perInterval(traffic.acceptedEvents(), CONFIG);
        Map<String, double[]> actual = readServiceLevelInterval(db);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (var e : expected.entrySet()) {
            QueueCounts c = e.getValue();
            double[] row = actual.get(e.getKey());
            assertThat(new long[] {(long) row[0], (long) row[1], (long) row[2], (long) row[3], (long) row[4], (long) row[7]})
                    .as(e.getKey()).containsExactly(c.answered, c.answeredInSl, c.abandoned, c.shortAbandoned, c.abandonedInSl, c.maxWaitMs / 1000);
            SlFormula formula = CONFIG.rulesFor(queueOf(e.getKey()), org.ccpulse.schemas.event.Channel.fromWire(channelOf(e.getKey()))).formula();
            double sl = formula.serviceLevel(c);
            if (Double.isNaN(sl)) {
                assertThat(row[5]).as(e.getKey() + " service level").isNaN();
            } else {
                assertThat(row[5]).as(e.getKey() + " service level").isCloseTo(sl, within(1e-9));
            }
            if (c.answered > 0) {
                assertThat(row[6]).as(e.getKey() + " ASA").isCloseTo(c.answeredWaitMs / 1000.0 / c.answered, within(1e-9));
            }
        }
        long answered = expected.values().stream().mapToLong(c -> c.answered).sum();
        System.out.printf("service_level_interval: %d rows, %d answered, %d records in, %d rejected%n",
                actual.size(), answered, traffic.size(), traffic.rejectedCount());
        assertThat(answered).isGreaterThan(1_000);
        assertThat(count(db, "SELECT count() FROM dead_letters FINAL")).isEqualTo(traffic.rejectedCount());
    }

    static void runJobUntilNow(KafkaEndpoint kafka, String topic, ClickHouseAccess db) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ServiceLevelJob.build(env,
                IntakeSources.kafkaUntilNow(kafka.bootstrapServers(), topic, "it-" + topic, ContactEventParser::new, ServiceLevelJob.INTAKE_TYPE),
                CONFIG, ServiceLevelJob.Settings.defaults(), ServiceLevelSinks.of(db, null, null));
        env.execute();
    }

    /** Row per "queue|channel|interval": answered, in SL, abandoned, short, abandoned in SL, SL, ASA, max wait. */
    static Map<String, double[]> readServiceLevelInterval(ClickHouseAccess db) throws Exception {
        Map<String, double[]> rows = new TreeMap<>();
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT queue, channel, toUnixTimestamp(interval_start), answered, answered_in_sl, "
                     + "abandoned, short_abandoned, abandoned_in_sl, ifNull(service_level, nan), ifNull(asa_s, nan), max_wait_s "
                     + "FROM service_level_interval")) {
            while (rs.next()) {
                String key = rs.getString(1) + "|" + rs.getString(2) + "|" + java.time.Instant.ofEpochSecond(rs.getLong(3));
                rows.put(key, new double[] {rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getDouble(9), rs.getDouble(10), Math.floor(rs.getDouble(11))});
            }
        }
        return rows;
    }

    static long count(ClickHouseAccess db, String sql) throws Exception {
        try (Connection c = db.open(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String queueOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static String channelOf(String key) {
        return key.split("\\|")[1];
    }
}
