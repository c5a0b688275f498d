package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.testing.JobRuns.CONFIG;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.clickhouse.EmbeddedClickHouse;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.clickhouse.Migrations;
import org.ccpulse.schemas.clickhouse.Migrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault: ClickHouse goes away for 60 s while the live job writes into it, then comes back on the same
 * data. The job's bounded restarts ride it out (their budget is not spent), and every figure ends equal
 * to the plain recomputation. A ClickHouse server of the test's own, so stopping it harms no other test.
 */
@ExtendWith(ComponentsExtension.class)
class ClickHouseOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void clickHouseAwayForAMinuteLosesNoFigure(KafkaEndpoint kafka, @UniqueTopic(partitions = 3) String topic)
            throws Exception {
        SimulatedTraffic traffic = SimulatedTraffic.simulate(dir.resolve("traffic"), 40, 1, "2026-10-25", 11);
        SimulatedTraffic before = traffic.slice(0, traffic.size() / 3);
        SimulatedTraffic during = traffic.slice(traffic.size() / 3, traffic.size());
        Path data = dir.resolve("clickhouse");
        EmbeddedClickHouse clickHouse = EmbeddedClickHouse.start(data);
        int port = clickHouse.port();
        ClickHouseAccess db = new ClickHouseAccess(clickHouse.httpUrl(), clickHouse.user(), clickHouse.password());
        try (Connection c = db.open()) {
            new Migrator(c).migrate(Migrations.bundled());
        }

        before.produce(kafka.bootstrapServers(), topic);
        JobClient job = JobRuns.startLive(
                kafka, topic, "outage-" + topic, db, JobRuns.OPTIONS.withCheckpointInterval(Duration.ofSeconds(2)));
        try {
            CommonTestUtils.waitUntilCondition(() -> factsIn(db) >= PlainRecomputation.factCount(before), 200, 600);
            clickHouse.close();
            during.produce(kafka.bootstrapServers(), topic); // arrives while ClickHouse is away
            Thread.sleep(OUTAGE.toMillis());
            clickHouse = EmbeddedClickHouse.start(
                    data, EmbeddedClickHouse.Options.defaults().withPort(port));

            // Facts and dead letters are retried by sinks of their own, each on its own schedule: wait for both.
            CommonTestUtils.waitUntilCondition(
                    () -> factsIn(db) >= PlainRecomputation.factCount(traffic)
                            && IntervalFigures.count(db, "SELECT count() FROM dead_letters FINAL")
                                    >= traffic.rejectedCount(),
                    500,
                    360);
            assertThat(job.getJobStatus().get(1, TimeUnit.MINUTES)).isEqualTo(JobStatus.RUNNING);
            assertThat(factsIn(db)).as("facts counted, none twice").isEqualTo(PlainRecomputation.factCount(traffic));
            IntervalFigures.assertEqualToRecomputation(
                    IntervalFigures.read(db), PlainRecomputation.perInterval(traffic.acceptedEvents(), CONFIG), CONFIG);
            assertThat(IntervalFigures.count(db, "SELECT count() FROM dead_letters FINAL"))
                    .isEqualTo(traffic.rejectedCount());
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
            clickHouse.close();
        }
    }

    /** The facts behind the figures in ClickHouse (0 while it is away). */
    private static long factsIn(ClickHouseAccess db) {
        try {
            return IntervalFigures.factsIn(db);
        } catch (Exception away) {
            return 0;
        }
    }
}
