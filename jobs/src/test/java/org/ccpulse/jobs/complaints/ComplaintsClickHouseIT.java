package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.KafkaEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.infra.junit.UniqueTopic;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.ClickHouseOutputs;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.jobs.testing.DeadLetterTopic;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.schemas.event.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end: three simulated weeks of tickets of a 100-agent center (with their mess: redeliveries,
 * late and bad records) and a fourfold surge of billing complaints (the simulator's --complaint-surge) on the
 * Tuesday of the third week, into the
 * embedded Kafka broker; the job through the launcher on a MiniCluster; rows into ClickHouse and spikes onto a
 * Kafka topic. The public view {@code complaints_hourly} must equal a plain recomputation of the same records; the surge must
 * be a spike of its cause and of its cause group, on the topic (read_committed) and in ClickHouse, and no
 * other spike may be raised.
 */
@ExtendWith(ComponentsExtension.class)
class ComplaintsClickHouseIT {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static final int AGENTS = 100;
    static final int DAYS = 21;
    /** A Monday; no daylight-saving change in the three weeks. */
    static final String START = "2026-04-06";

    static final String CAUSE = "company.billing";
    /** Tuesday of the third week, 10:00 and 11:00 in Berlin: two weeks of warm-up before. */
    static final ZonedDateTime SURGE =
            LocalDate.parse(START).plusWeeks(2).plusDays(1).atTime(10, 0).atZone(ComplaintTraffic.BERLIN);

    /** The simulator's surge option: billing complaints four times as frequent for two hours. */
    static final int SURGE_FACTOR = 4;

    /**
     * The simulator's seed. Its three weeks raise no spike but the surge's by the detector's definition (the plain
     * recomputation below). Seeds 11 to 16 were tried (100 agents, this surge): every surge opened its cause's
     * spike in its first hour (25 to 34 billing complaints where the week before had 2 to 9), and the company
     * group's in 5 of 6; two of the six weeks also had one natural spike before their last day (seed 12:
     * company.system on a Friday, seed 16: company.delivery on a Thursday), the detector's false-alarm rate at work
     * (README "Complaint spikes"): the job raises those too, and "no other spike" would not hold there.
     */
    static final long SEED = 13;

    @TempDir
    Path dir;

    @Test
    void complaintsHourEqualsAPlainRecomputationAndTheSurgeIsTheOnlySpike(
            KafkaEndpoint kafka,
            ClickHouseEndpoint clickHouse,
            @UniqueTopic(partitions = 3) String tickets,
            @UniqueTopic String deadLetters,
            @UniqueTopic String spikes)
            throws Exception {
        ComplaintTraffic traffic = simulateSurge(dir);
        traffic.produce(kafka.bootstrapServers(), tickets);
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        ClickHouseOutputs outputs = new ClickHouseOutputs(
                        db, kafka.bootstrapServers(), deadLetters, "it-" + deadLetters)
                .renaming(OutputTopic.COMPLAINT_SPIKES, spikes);

        long started = System.nanoTime();
        JobRuns.runUntilNow(
                kafka,
                Map.of("tickets", tickets),
                outputs,
                JobRuns.DEPLOYMENT,
                List.of(new ComplaintsJob()),
                "it-" + tickets);
        long ran = System.nanoTime();

        List<Ticket> accepted = traffic.acceptedTickets();
        Map<String, List<Long>> expected = ComplaintsRecomputation.perHour(accepted);
        Map<String, List<Long>> actual = perHour(db);
        assertThat(actual).isEqualTo(expected);

        DeadLetterTopic.Letter opened = assertTheSurgeIsTheOnlySpike(kafka.bootstrapServers(), spikes, db, accepted);
        long firstHour = ComplaintsRecomputation.complaintsOf(accepted, CAUSE, SURGE.toInstant());

        long complaints = expected.values().stream().mapToLong(v -> v.get(0)).sum();
        long reopens = expected.values().stream().mapToLong(v -> v.get(1)).sum();
        long notGiven =
                expected.keySet().stream().filter(k -> k.contains("not given")).count();
        long lifecycle = count(db, "SELECT count() FROM complaint_lifecycle FINAL");
        System.out.printf(
                "complaints: %d ticket records (%d rejected, %d redelivered), %d complaints, %d reopens in %d hour rows"
                        + " (%d with a field not given), %d lifecycle rows; surge %s: %d complaints in its first hour,"
                        + " opened at %d; job %d ms%n",
                traffic.size(),
                traffic.rejectedCount(),
                traffic.redeliveries(),
                complaints,
                reopens,
                expected.size(),
                notGiven,
                lifecycle,
                SURGE,
                firstHour,
                opened.json().get("observed").asLong(),
                (ran - started) / 1_000_000);
        // The check is not vacuous: the mess reached the intake, fields were missing, reopens counted.
        assertThat(complaints).isGreaterThan(1_000);
        assertThat(reopens).isPositive();
        assertThat(notGiven).isPositive();
        assertThat(traffic.redeliveries()).isPositive();
        assertThat(traffic.rejectedCount()).isPositive();
        assertThat(count(db, "SELECT count() FROM dead_letters FINAL")).isEqualTo(traffic.rejectedCount());
        assertThat(lifecycle).isGreaterThan(complaints * 9 / 10);
    }

    /** The three weeks of tickets with the surge, written under {@code dir}. */
    static ComplaintTraffic simulateSurge(Path dir) {
        return ComplaintTraffic.simulate(
                dir,
                AGENTS,
                DAYS,
                START,
                SEED,
                "--complaint-surge",
                "cause=" + CAUSE + ",start=" + SURGE.toLocalDateTime() + ",hours=2,factor=" + SURGE_FACTOR);
    }

    /**
     * The surge: one spike of its cause and one of its cause group, each opened in the surge's first hour (before it
     * ended) and closed once, on the spikes topic (read_committed) and in ClickHouse's complaint_spikes FINAL, with
     * the same figures in both; no other spike. The same as the detector's definition gives on the same records (full
     * hours; spikes opened in the last day left out, the run may not have judged their hours yet). Returns the cause's
     * OPENED record.
     */
    static DeadLetterTopic.Letter assertTheSurgeIsTheOnlySpike(
            String bootstrapServers, String spikes, ClickHouseAccess db, List<Ticket> accepted) throws Exception {
        List<DeadLetterTopic.Letter> onTopic = DeadLetterTopic.readCommittedAfterTheRun(bootstrapServers, spikes);
        long surgeHour = SURGE.toInstant().toEpochMilli();
        Instant end = LocalDate.parse(START)
                .plusDays(DAYS)
                .atStartOfDay(ComplaintTraffic.BERLIN)
                .toInstant();
        List<ComplaintsRecomputation.SpikeEnd> definition = ComplaintsRecomputation.spikes(
                        accepted,
                        SpikeSettings.DEFAULTS,
                        ComplaintTraffic.BERLIN,
                        end.minus(java.time.Duration.ofHours(12)))
                .stream()
                .filter(e -> e.openedHour().isBefore(end.minus(java.time.Duration.ofDays(1))))
                .toList();
        assertThat(onTopic)
                .extracting(l -> new ComplaintsRecomputation.SpikeEnd(
                        l.json().get("level").asText(),
                        l.json().get("key").asText(),
                        l.json().get("status").asText(),
                        Instant.parse(l.json().get("opened_hour").asText()),
                        Instant.parse(l.json().get("hour_start").asText())))
                .containsExactlyInAnyOrderElementsOf(definition);
        assertThat(onTopic)
                .extracting(
                        l -> l.json().get("level").asText(),
                        l -> l.json().get("key").asText(),
                        l -> l.json().get("status").asText(),
                        l -> l.json().get("opened_hour").asText())
                .containsExactlyInAnyOrder(
                        tuple("cause", CAUSE, "OPENED", SURGE.toInstant().toString()),
                        tuple("cause", CAUSE, "CLOSED", SURGE.toInstant().toString()),
                        tuple(
                                "cause_group",
                                "company",
                                "OPENED",
                                SURGE.toInstant().toString()),
                        tuple(
                                "cause_group",
                                "company",
                                "CLOSED",
                                SURGE.toInstant().toString()));
        List<List<String>> inTable = rows(
                db,
                "SELECT level, key, status, toString(toUnixTimestamp(opened_hour) * 1000), spike_id, toString(observed),"
                        + " toString(toUnixTimestamp(hour_start) * 1000) FROM complaint_spikes FINAL ORDER BY level, status");
        assertThat(inTable)
                .extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2), r -> Long.parseLong(r.get(3)))
                .containsExactly(
                        tuple("cause", CAUSE, "CLOSED", surgeHour),
                        tuple("cause", CAUSE, "OPENED", surgeHour),
                        tuple("cause_group", "company", "CLOSED", surgeHour),
                        tuple("cause_group", "company", "OPENED", surgeHour));
        assertThat(inTable.stream().map(r -> r.get(4)).distinct()).hasSize(2);
        assertThat(onTopic.stream().map(l -> l.json().get("spike_id").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(
                        inTable.stream().map(r -> r.get(4)).distinct().toList());
        DeadLetterTopic.Letter opened = onTopic.stream()
                .filter(l -> l.json().get("level").asText().equals("cause")
                        && l.json().get("status").asText().equals("OPENED"))
                .findFirst()
                .orElseThrow();
        assertThat(opened.json().get("partial").asBoolean())
                .as("opened before its hour was over")
                .isTrue();
        assertThat(opened.json().get("observed").asLong())
                .isLessThan(ComplaintsRecomputation.complaintsOf(accepted, CAUSE, SURGE.toInstant()));
        long closedHour = inTable.stream()
                .filter(r -> r.get(0).equals("cause") && r.get(2).equals("CLOSED"))
                .mapToLong(r -> Long.parseLong(r.get(6)))
                .findFirst()
                .orElseThrow();
        assertThat(closedHour)
                .as("closed within three hours after the surge")
                .isBetween(surgeHour + 2 * 3_600_000L, surgeHour + 4 * 3_600_000L);
        assertThat(onTopic)
                .as("the spikes topic's records as in complaint_spikes FINAL")
                .extracting(l -> List.of(
                        l.json().get("spike_id").asText(),
                        l.json().get("level").asText(),
                        l.json().get("key").asText(),
                        l.json().get("status").asText(),
                        Long.toString(Instant.parse(l.json().get("hour_start").asText())
                                .toEpochMilli()),
                        Long.toString(Instant.parse(l.json().get("opened_hour").asText())
                                .toEpochMilli()),
                        l.json().get("observed").asText()))
                .containsExactlyInAnyOrderElementsOf(inTable.stream()
                        .map(r -> List.of(r.get(4), r.get(0), r.get(1), r.get(2), r.get(6), r.get(3), r.get(5)))
                        .toList());
        return opened;
    }

    /** The contract's view complaints_hourly, with reopens: the same keys as the recomputation. */
    static Map<String, List<Long>> perHour(ClickHouseAccess db) throws Exception {
        Map<String, List<Long>> out = new TreeMap<>();
        for (List<String> r : rows(
                db,
                "SELECT hour_start, cause, cause_group, product, department, channel, complaints, reopens"
                        + " FROM complaints_hourly")) {
            String hour = Instant.ofEpochSecond(Long.parseLong(r.get(0))).toString();
            out.put(
                    String.join("|", hour, r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)),
                    List.of(Long.parseLong(r.get(6)), Long.parseLong(r.get(7))));
        }
        return out;
    }

    static List<List<String>> rows(ClickHouseAccess db, String sql) throws Exception {
        String query = sql.replaceFirst("SELECT hour_start,", "SELECT toString(toUnixTimestamp(hour_start)),");
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static long count(ClickHouseAccess db, String sql) throws Exception {
        return Long.parseLong(rows(db, sql).get(0).get(0));
    }
}
