package org.ccpulse.jobs.fcr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
 * The job end to end: five simulated weeks (with their mess: redeliveries, late and bad records) into
 * the embedded Kafka broker, the job through the launcher on a MiniCluster, rows into ClickHouse;
 * {@code fcr_contact_outcomes}, {@code fcr_daily}, {@code fcr_pending} and {@code fcr_repeat_contacts}
 * must equal a plain recomputation of the same records, pending contacts never counted.
 */
@ExtendWith(ComponentsExtension.class)
class FcrClickHouseIT {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void fcrDailyAndFcrPendingEqualAPlainRecomputation(
            KafkaEndpoint kafka, ClickHouseEndpoint clickHouse, @UniqueTopic(partitions = 3) String topic)
            throws Exception {
        SimulatedTraffic traffic = FcrTraffic.simulate(dir);
        traffic.produce(kafka.bootstrapServers(), topic);
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);

        long started = System.nanoTime();
        JobRuns.runUntilNow(kafka, topic, db, JobRuns.DEPLOYMENT, List.of(new FcrJob()));
        long ran = System.nanoTime();

        FcrRecomputation.Figures expected = FcrRecomputation.of(traffic.acceptedEvents(), FcrTraffic.CONFIG);
        long w = FcrFigures.assertEqualToRecomputation(db, expected);

        long settled = FcrFigures.count(db, "SELECT sum(eligible) FROM fcr_daily");
        long resolved30d = FcrFigures.count(db, "SELECT sum(resolved) FROM fcr_daily WHERE window = '30d'");
        long sameIssueRepeats = FcrFigures.count(
                db,
                "SELECT count() FROM fcr_contact_outcomes FINAL WHERE window = '7d_same_issue' AND status = 'repeat'");
        long pending = FcrFigures.count(db, "SELECT sum(pending) FROM fcr_pending");
        System.out.printf(
                "fcr: %d records in (%d rejected, %d redelivered), %d outcome rows, %d settled (%d resolved in 30 d),"
                        + " %d pending, %d same-issue repeats, %d pairs; event time reached %s; job %d ms%n",
                traffic.size(),
                traffic.rejectedCount(),
                FcrTraffic.redeliveries(traffic),
                expected.outcomes().size(),
                settled,
                resolved30d,
                pending,
                sameIssueRepeats,
                expected.pairs().size(),
                Instant.ofEpochMilli(w),
                (ran - started) / 1_000_000);
        // The check is not vacuous: every kind of outcome is there, and the mess reached the intake. How far event
        // time got (and so how many windows settled, 30-day ones included) depends on the run's last periodic
        // watermark: FcrRestoreRescaleIT, whose live runs reach the end, shows 30-day windows settle.
        assertThat(FcrFigures.count(db, "SELECT sum(resolved) FROM fcr_daily WHERE window = '24h'"))
                .as("24-hour windows settled resolved")
                .isPositive();
        assertThat(FcrFigures.count(db, "SELECT count() FROM fcr_contact_outcomes FINAL WHERE status = 'repeat'"))
                .isGreaterThan(1_000);
        assertThat(pending).as("windows still open at the end").isPositive();
        assertThat(sameIssueRepeats).isPositive();
        assertThat(FcrTraffic.redeliveries(traffic))
                .as("redelivered records in the input")
                .isPositive();
        assertThat(traffic.rejectedCount()).as("bad records in the input").isPositive();
        assertThat(FcrFigures.count(db, "SELECT count() FROM dead_letters FINAL"))
                .isEqualTo(traffic.rejectedCount());
        assertThat(FcrFigures.count(db, "SELECT count() FROM fcr_team_targets FINAL WHERE team = 'billing-t1'"))
                .isEqualTo(FcrTraffic.CONFIG.windows().size());
    }
}
