package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.jobs.complaints.ComplaintsClickHouseIT.SURGE;
import static org.ccpulse.jobs.complaints.ComplaintsClickHouseIT.count;
import static org.ccpulse.jobs.complaints.ComplaintsClickHouseIT.perHour;
import static org.ccpulse.jobs.complaints.ComplaintsClickHouseIT.rows;
import static org.ccpulse.jobs.testing.Restarts.awaitCondition;
import static org.ccpulse.jobs.testing.Restarts.millis;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.common.IsolationLevel;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.MetricJob;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.RunOptions;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.platform.Topic;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.DeadLetterTopic;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.Restarts;
import org.ccpulse.schemas.event.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The complaints job stopped and restored twice, rescaled 1 -> 2 -> 1, on production's state backend (RocksDB,
 * incremental checkpoints), over {@link ComplaintsClickHouseIT}'s three simulated weeks with the fourfold billing
 * surge on the Tuesday of the third week: the first run (parallelism 1) reads days 0 to 7 and is cancelled after a
 * checkpoint; the second (parallelism 2) restores it, reads up to the surge's day (00:00 in Berlin) and is cancelled
 * after a checkpoint; the third (parallelism 1) restores that, reads the rest and is stopped with a draining
 * savepoint. The spike detector's warm-up (two weeks of each hour of the week) is learned in the first two runs, so
 * the surge's spikes can open only in the third, from restored baselines and timers. The figures must be those of
 * {@link ComplaintsClickHouseIT}: complaints_hourly equal to the plain recomputation, the surge the only spike, each
 * end of it once on the topic (read_committed: none published twice across the restores) and in ClickHouse; and each
 * complaint's lifecycle as an uninterrupted run (live over the whole topic, drained at its end too) wrote it.
 */
@ExtendWith(ComponentsExtension.class)
class ComplaintsRestoreRescaleIT {

    private static final List<MetricJob> JOB = List.of(new ComplaintsJob());
    private static final StateSettings.Backend BACKEND = StateSettings.Backend.ROCKSDB;
    /** The name of the spike detector's operator, whose parallelism the runs change. */
    private static final String TRACKER = "complaint spikes";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    @Test
    void stoppedAndRestoredTwiceAndRescaledTheSurgeIsTheOnlySpikeAndTheFiguresEqualAnUninterruptedRun(
            KafkaEndpoint kafka,
            ClickHouseEndpoint clickHouse,
            @UniqueTopic(partitions = 3) String tickets,
            @UniqueTopic String deadLetters,
            @UniqueTopic String spikes,
            @UniqueTopic String uninterruptedDeadLetters,
            @UniqueTopic String uninterruptedSpikes,
            @InjectMiniCluster MiniCluster cluster)
            throws Exception {
        ComplaintTraffic traffic = ComplaintsClickHouseIT.simulateSurge(dir.resolve("traffic"));
        LocalDate start = LocalDate.parse(ComplaintsClickHouseIT.START);
        Instant firstCutAt =
                start.plusDays(8).atStartOfDay(ComplaintTraffic.BERLIN).toInstant();
        Instant secondCutAt =
                SURGE.toLocalDate().atStartOfDay(ComplaintTraffic.BERLIN).toInstant();
        int firstCut = traffic.firstLineAtOrAfter(firstCutAt);
        int secondCut = traffic.firstLineAtOrAfter(secondCutAt);
        List<ComplaintTraffic> parts = List.of(
                traffic.slice(0, firstCut),
                traffic.slice(firstCut, secondCut),
                traffic.slice(secondCut, traffic.size()));
        Map<String, String> topics = Map.of(Topic.TICKETS.name(), tickets);
        String group = "complaints-rescale-" + tickets;
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        ClickHouseOutputs outputs = new ClickHouseOutputs(
                        db, kafka.bootstrapServers(), deadLetters, "it-" + deadLetters)
                .renaming(OutputTopic.COMPLAINT_SPIKES, spikes);
        RunOptions storage = Restarts.checkpointStorage(dir.resolve("checkpoints"), BACKEND);
        List<String> checkpoints = new ArrayList<>();
        List<AccessExecutionGraph> runs = new ArrayList<>();
        List<Long> runMillis = new ArrayList<>();

        // Runs 1 and 2: read their part, take a checkpoint once its complaints are counted, and are cancelled.
        String restoreFrom = null;
        for (int run = 0; run < 2; run++) {
            long runStarted = System.nanoTime();
            parts.get(run).produce(kafka.bootstrapServers(), tickets);
            RunOptions options = storage.withParallelism(run == 0 ? 1 : 2);
            JobClient job = JobRuns.startLive(
                    kafka,
                    topics,
                    group,
                    outputs,
                    restoreFrom == null ? options : options.withRestoreFrom(restoreFrom),
                    JOB);
            long counted = counted(ComplaintsRecomputation.perHour(
                    traffic.slice(0, run == 0 ? firstCut : secondCut).acceptedTickets()));
            awaitCondition(() -> countedIn(db) >= counted);
            Restarts.Checkpointed cancelled = Restarts.checkpointAndCancel(cluster, job);
            restoreFrom = cancelled.checkpoint();
            checkpoints.add(restoreFrom);
            runs.add(cancelled.run());
            runMillis.add(millis(runStarted, System.nanoTime()));
        }
        List<DeadLetterTopic.Letter> spikesBeforeTheSurge =
                DeadLetterTopic.read(kafka.bootstrapServers(), spikes, IsolationLevel.READ_UNCOMMITTED);

        // Run 3: parallelism 1 again, reads the rest, stopped with a draining savepoint once all is committed.
        long thirdStarted = System.nanoTime();
        parts.get(2).produce(kafka.bootstrapServers(), tickets);
        runs.add(Restarts.runToTheEnd(
                cluster,
                kafka.bootstrapServers(),
                tickets,
                group,
                storage.withParallelism(1).withRestoreFrom(restoreFrom),
                o -> JobRuns.startLive(kafka, topics, group, outputs, o, JOB),
                dir.resolve("savepoints")));
        runMillis.add(millis(thirdStarted, System.nanoTime()));

        // The uninterrupted run reads the whole topic the same way (live, drained at the end) on a database of its own.
        long uninterruptedStarted = System.nanoTime();
        ClickHouseAccess uninterrupted = ClickHouseDatabase.fresh(clickHouse);
        String uninterruptedGroup = "complaints-uninterrupted-" + tickets;
        ClickHouseOutputs uninterruptedOutputs = new ClickHouseOutputs(
                        uninterrupted,
                        kafka.bootstrapServers(),
                        uninterruptedDeadLetters,
                        "it-" + uninterruptedDeadLetters)
                .renaming(OutputTopic.COMPLAINT_SPIKES, uninterruptedSpikes);
        Restarts.runToTheEnd(
                cluster,
                kafka.bootstrapServers(),
                tickets,
                uninterruptedGroup,
                storage.withParallelism(2),
                o -> JobRuns.startLive(kafka, topics, uninterruptedGroup, uninterruptedOutputs, o, JOB),
                dir.resolve("savepoints"));
        long uninterruptedMillis = millis(uninterruptedStarted, System.nanoTime());

        // The runs were what they should be: RocksDB, parallelism 1, 2, 1, each restored from the checkpoint before.
        assertThat(runs).extracting(run -> Restarts.parallelismOf(run, TRACKER)).containsExactly(1, 2, 1);
        Restarts.assertRestoredInTurn(runs, checkpoints, BACKEND);
        // No spike before the surge's day: the surge's spikes opened in the third run, from restored state.
        assertThat(spikesBeforeTheSurge).as("spikes written by runs 1 and 2").isEmpty();

        // Every record counted once, none too late, and the bad ones dead-lettered once.
        List<Ticket> accepted = traffic.acceptedTickets();
        Map<String, List<Long>> expected = ComplaintsRecomputation.perHour(accepted);
        assertThat(perHour(db)).isEqualTo(expected);
        for (ClickHouseAccess run : List.of(db, uninterrupted)) {
            assertThat(count(run, "SELECT count() FROM dead_letters FINAL WHERE problem = 'LATE'"))
                    .as("records rejected as LATE")
                    .isZero();
            assertThat(count(run, "SELECT count() FROM dead_letters FINAL")).isEqualTo(traffic.rejectedCount());
        }

        // The surge is the only spike, each of its ends once on the topic and the same in ClickHouse.
        DeadLetterTopic.Letter opened =
                ComplaintsClickHouseIT.assertTheSurgeIsTheOnlySpike(kafka.bootstrapServers(), spikes, db, accepted);

        // Each complaint's lifecycle as the uninterrupted run wrote it (all but written_at, the time of writing).
        Map<String, List<String>> lifecycle = lifecycle(db);
        Map<String, List<String>> uninterruptedLifecycle = lifecycle(uninterrupted);
        assertThat(differences(lifecycle, uninterruptedLifecycle))
                .as("complaint_lifecycle rows differing from the uninterrupted run's (restored | uninterrupted)")
                .isEmpty();
        long complaints = expected.values().stream().mapToLong(v -> v.get(0)).sum();
        assertThat(lifecycle).hasSizeGreaterThan((int) (complaints * 9 / 10));
        long spikeRows = count(db, "SELECT count() FROM complaint_spikes FINAL");

        System.out.printf(
                "complaints restore/rescale (%s): %d records, cut at lines %d (%s) and %d (%s); %d complaints in"
                        + " %d hour rows, %d lifecycle rows equal to the uninterrupted run's; %d spike rows, the surge's"
                        + " cause opened in run 3 at %d complaints; runs 1, 2, 3 %s ms, uninterrupted run %d ms%n",
                BACKEND.type(),
                traffic.size(),
                firstCut,
                firstCutAt,
                secondCut,
                secondCutAt,
                complaints,
                expected.size(),
                lifecycle.size(),
                spikeRows,
                opened.json().get("observed").asLong(),
                runMillis,
                uninterruptedMillis);
    }

    /** Complaints and reopens in all of these hour rows. */
    private static long counted(Map<String, List<Long>> perHour) {
        return perHour.values().stream().mapToLong(v -> v.get(0) + v.get(1)).sum();
    }

    /** Complaints and reopens the job has written so far. */
    private static long countedIn(ClickHouseAccess db) throws Exception {
        return count(db, "SELECT sum(complaints) + sum(reopens) FROM complaints_hourly");
    }

    /** complaint_lifecycle FINAL by ticket_id: every column but written_at (when the row was written). */
    private static Map<String, List<String>> lifecycle(ClickHouseAccess db) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        for (List<String> r : rows(db, "SELECT * EXCEPT (written_at) FROM complaint_lifecycle FINAL")) {
            out.put(r.get(1), r);
        }
        return out;
    }

    /** The tickets whose rows differ, with both rows (null where one has none): the first 20, then how many more. */
    private static List<String> differences(Map<String, List<String>> a, Map<String, List<String>> b) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        int differing = 0;
        for (String k : keys) {
            if (!Objects.equals(a.get(k), b.get(k)) && differing++ < 20) {
                out.add(a.get(k) + " | " + b.get(k));
            }
        }
        if (differing > out.size()) {
            out.add((differing - out.size()) + " more");
        }
        return out;
    }
}
