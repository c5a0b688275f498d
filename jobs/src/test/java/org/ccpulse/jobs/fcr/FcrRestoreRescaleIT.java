package org.ccpulse.jobs.fcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.testing.Restarts.awaitCondition;
import static org.ccpulse.jobs.testing.Restarts.millis;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.Restarts;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job stopped and restored twice, rescaled 1 -> 2 -> 1, on production's state backend (RocksDB,
 * incremental checkpoints), over five simulated weeks: the first run (parallelism 1) reads the first
 * 12 days and is cancelled after a checkpoint; the second (parallelism 2) restores it, reads up to day
 * 24 and is cancelled after a checkpoint; the third (parallelism 1) restores that, reads the rest and is
 * stopped with a draining savepoint. Contacts of the first days have their 7-day windows settle in the
 * second run and their 30-day windows in the third: only restored state with its timers settles them.
 * Every figure must equal the plain recomputation, as {@link FcrClickHouseIT} checks them (at the event
 * time each run reached), and an uninterrupted run's (live over the whole topic, drained at its end too),
 * row for row but for contacts that closed between the event times the two reached.
 */
@ExtendWith(ComponentsExtension.class)
class FcrRestoreRescaleIT {

    private static final List<MetricJob> JOB = List.of(new FcrJob());
    private static final StateSettings.Backend BACKEND = StateSettings.Backend.ROCKSDB;
    /** The name of the keyed operator whose parallelism the runs change. */
    private static final String TRACKER = "fcr: contacts per customer";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void stoppedAndRestoredTwiceAndRescaledTheFiguresEqualAnUninterruptedRun(
            KafkaEndpoint kafka,
            ClickHouseEndpoint clickHouse,
            @UniqueTopic(partitions = 3) String topic,
            @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        SimulatedTraffic traffic = FcrTraffic.simulate(dir.resolve("traffic"));
        LocalDate start = LocalDate.parse(FcrTraffic.START);
        int firstCut = traffic.firstLineAtOrAfter(midnightUtc(start.plusDays(12)));
        int secondCut = traffic.firstLineAtOrAfter(midnightUtc(start.plusDays(24)));
        List<SimulatedTraffic> parts = List.of(
                traffic.slice(0, firstCut),
                traffic.slice(firstCut, secondCut),
                traffic.slice(secondCut, traffic.size()));
        String group = "fcr-rescale-" + topic;
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        RunOptions storage = Restarts.checkpointStorage(dir.resolve("checkpoints"), BACKEND);
        List<String> checkpoints = new ArrayList<>();
        List<AccessExecutionGraph> runs = new ArrayList<>();
        long t0 = System.nanoTime();

        // Runs 1 and 2: read their part, take a checkpoint once its contacts are out, and are cancelled.
        String restoreFrom = null;
        for (int run = 0; run < 2; run++) {
            parts.get(run).produce(kafka.bootstrapServers(), topic);
            RunOptions options = storage.withParallelism(run == 0 ? 1 : 2);
            JobClient job = JobRuns.startLive(
                    kafka, topic, group, db, restoreFrom == null ? options : options.withRestoreFrom(restoreFrom), JOB);
            long outcomes = FcrRecomputation.of(
                            traffic.slice(0, run == 0 ? firstCut : secondCut).acceptedEvents(), FcrTraffic.CONFIG)
                    .outcomes()
                    .size();
            awaitCondition(() -> outcomeKeys(db) >= outcomes);
            Restarts.Checkpointed cancelled = Restarts.checkpointAndCancel(cluster, job);
            restoreFrom = cancelled.checkpoint();
            checkpoints.add(restoreFrom);
            runs.add(cancelled.run());
        }

        // Run 3: parallelism 1 again, reads the rest, stopped with a draining savepoint once all is committed.
        parts.get(2).produce(kafka.bootstrapServers(), topic);
        runs.add(
                runToTheEnd(kafka, topic, group, db, storage.withParallelism(1).withRestoreFrom(restoreFrom), cluster));
        long restoredRunsEnded = System.nanoTime();

        // The uninterrupted run reads the whole topic the same way (live, drained at the end), so both reach about
        // the same event time; a bounded run would stop at whatever its last periodic watermark was.
        ClickHouseAccess uninterrupted = ClickHouseDatabase.fresh(clickHouse);
        runToTheEnd(kafka, topic, "fcr-uninterrupted-" + topic, uninterrupted, storage.withParallelism(2), cluster);
        long uninterruptedEnded = System.nanoTime();

        // The runs were what they should be: RocksDB, parallelism 1, 2, 1, each restored from the checkpoint before.
        assertThat(runs).extracting(run -> Restarts.parallelismOf(run, TRACKER)).containsExactly(1, 2, 1);
        Restarts.assertRestoredInTurn(runs, checkpoints, BACKEND);

        // No record was too late in any run (the recomputation counts every record; with 7 h of lateness none is late
        // unless event time ran ahead of a partition, e.g. one marked idle while the machine was overloaded).
        for (ClickHouseAccess run : List.of(db, uninterrupted)) {
            assertThat(FcrFigures.count(run, "SELECT count() FROM dead_letters FINAL WHERE problem = 'LATE'"))
                    .as("records rejected as LATE")
                    .isZero();
            assertThat(FcrFigures.count(run, "SELECT count() FROM dead_letters FINAL"))
                    .isEqualTo(traffic.rejectedCount());
        }
        FcrRecomputation.Figures expected = FcrRecomputation.of(traffic.acceptedEvents(), FcrTraffic.CONFIG);
        long reachedRestored = FcrFigures.assertEqualToRecomputation(db, expected);
        long reachedUninterrupted = FcrFigures.assertEqualToRecomputation(uninterrupted, expected);

        // Equal to the uninterrupted run, row for row, but for contacts that closed between the event times the
        // two runs reached (settled in one, still pending in the other).
        long lower = Math.min(reachedRestored, reachedUninterrupted);
        long upper = Math.max(reachedRestored, reachedUninterrupted);
        Map<String, FcrFigures.Outcome> restoredRows = FcrFigures.outcomes(db);
        Map<String, FcrFigures.Outcome> uninterruptedRows = FcrFigures.outcomes(uninterrupted);
        int between = 0;
        for (var e : expected.outcomes().entrySet()) {
            FcrRecomputation.Expected x = e.getValue();
            if (x.repeatContactId() == null && x.closesAtMs() > lower && x.closesAtMs() <= upper) {
                between++;
            } else {
                assertThat(restoredRows.get(e.getKey())).as(e.getKey()).isEqualTo(uninterruptedRows.get(e.getKey()));
            }
        }
        Map<String, FcrRecomputation.Pair> restoredPairs = FcrFigures.pairs(db);
        Map<String, FcrRecomputation.Pair> uninterruptedPairs = FcrFigures.pairs(uninterrupted);
        restoredPairs.keySet().removeIf(k -> expected.pairsCertainAtMs().get(k) > lower);
        uninterruptedPairs.keySet().removeIf(k -> expected.pairsCertainAtMs().get(k) > lower);
        FcrFigures.assertSame("pairs certain in both runs", restoredPairs, uninterruptedPairs);

        // Windows that closed after a restore, settled by restored timers: 7 d of contacts read by the first run,
        // settled in the second; 30 d of contacts read by the first run, settled in the third.
        long firstCutMs = midnightUtc(start.plusDays(12)).toEpochMilli();
        long secondCutMs = midnightUtc(start.plusDays(24)).toEpochMilli();
        long sevenDaysAfterRestore = settledByTimer(expected, restoredRows, "7d", firstCutMs, firstCutMs, secondCutMs);
        long thirtyDaysAfterTwoRestores =
                settledByTimer(expected, restoredRows, "30d", firstCutMs, secondCutMs, Long.MAX_VALUE);
        assertThat(sevenDaysAfterRestore).isPositive();
        assertThat(thirtyDaysAfterTwoRestores).isPositive();

        System.out.printf(
                "fcr restore/rescale (%s): %d records, cut at lines %d and %d; %d outcome rows; restored runs reached %s,"
                        + " the uninterrupted one %s (%d rows between); settled by restored timers: %d of 7 d (run 2),"
                        + " %d of 30 d (run 3); restored runs %d ms, uninterrupted run %d ms%n",
                BACKEND.type(),
                traffic.size(),
                firstCut,
                secondCut,
                expected.outcomes().size(),
                Instant.ofEpochMilli(reachedRestored),
                Instant.ofEpochMilli(reachedUninterrupted),
                between,
                sevenDaysAfterRestore,
                thirtyDaysAfterTwoRestores,
                millis(t0, restoredRunsEnded),
                millis(restoredRunsEnded, uninterruptedEnded));
    }

    /** The job live from the group's offsets to the end of the topic, stopped with a draining savepoint. */
    private AccessExecutionGraph runToTheEnd(
            KafkaEndpoint kafka,
            String topic,
            String group,
            ClickHouseAccess db,
            RunOptions options,
            MiniCluster cluster)
            throws Exception {
        return Restarts.runToTheEnd(
                cluster,
                kafka.bootstrapServers(),
                topic,
                group,
                options,
                o -> JobRuns.startLive(kafka, topic, group, db, o, JOB),
                dir.resolve("savepoints"));
    }

    /** Contacts completed before {@code completedBefore} whose window closed in [from, to) and is resolved. */
    private static long settledByTimer(
            FcrRecomputation.Figures expected,
            Map<String, FcrFigures.Outcome> rows,
            String window,
            long completedBefore,
            long from,
            long to) {
        return expected.outcomes().values().stream()
                .filter(x -> x.window().equals(window)
                        && x.repeatContactId() == null
                        && x.closesAtMs() >= from
                        && x.closesAtMs() < to
                        && x.closesAtMs()
                                        - window(window)
                                        - FcrTraffic.CONFIG.allowedLateness().toMillis()
                                < completedBefore)
                .filter(x -> rows.get(x.contactId() + "|" + window).status().equals(FcrOutcomeRow.RESOLVED))
                .count();
    }

    private static long window(String label) {
        return FcrWindow.parse(label).lengthMs();
    }

    private static Instant midnightUtc(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Distinct (contact, window) rows the job has written so far. */
    private static long outcomeKeys(ClickHouseAccess db) throws Exception {
        return FcrFigures.count(db, "SELECT uniqExact(contact_id, window) FROM fcr_contact_outcomes");
    }
}
