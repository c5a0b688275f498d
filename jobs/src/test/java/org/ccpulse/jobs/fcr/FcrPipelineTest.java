package org.ccpulse.jobs.fcr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.testing.CollectingOutputs;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.parse.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a MiniCluster through the launcher, from a bounded NDJSON file (with a redelivery,
 * a bad record, a transfer leg and a caller without customer) to collecting sinks, with Flink's
 * generic (Kryo) serialization switched off.
 */
class FcrPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    private static String event(String id, String contact, String customer, String type, String ts, String extra) {
        return "{\"event_id\":\"" + id + "\",\"contact_id\":\"" + contact + "\",\"type\":\"" + type + "\",\"ts\":\""
                + ts + "\",\"channel\":\"voice\",\"queue\":\"billing\""
                + (customer == null ? "" : ",\"customer_id\":\"" + customer + "\"") + extra + "}";
    }

    private static String completed(String id, String contact, String customer, String ts, String reason) {
        return event(
                id,
                contact,
                customer,
                "COMPLETED",
                ts,
                ",\"agent_id\":\"a1\",\"team\":\"billing-t1\",\"talk_s\":100,\"hold_s\":0,\"wrap_s\":10,"
                        + "\"outcome\":\"resolved\",\"reason\":\"" + reason + "\"");
    }

    private static final List<String> LINES = List.of(
            event("e1", "c1", "alice", "QUEUED", "2026-11-02T10:00:00Z", ""),
            completed("e2", "c1", "alice", "2026-11-02T10:10:00Z", "billing.dispute"),
            completed("e2", "c1", "alice", "2026-11-02T10:10:00Z", "billing.dispute"), // redelivered
            event("e3", "leg", "alice", "QUEUED", "2026-11-02T11:00:00Z", ",\"parent_contact_id\":\"c1\""),
            event("e4", "c2", "bob", "QUEUED", "2026-11-02T10:00:00Z", ""),
            completed("e5", "c2", "bob", "2026-11-02T10:05:00Z", "technical.outage"),
            event("e6", "anon", null, "QUEUED", "2026-11-02T12:00:00Z", ""),
            completed("e7", "anon", null, "2026-11-02T12:05:00Z", "billing.dispute"),
            event("e8", "c3", "alice", "QUEUED", "2026-11-02T20:00:00Z", ""),
            completed("e9", "c3", "alice", "2026-11-02T20:10:00Z", "billing.refund"),
            "{\"event_id\":\"e10\",\"contact_id\":\"c4\",\"type\":\"QUEUED\"}", // no ts: a dead letter
            event("e11", "c5", "carol", "QUEUED", "2026-11-04T12:00:00Z", "")); // moves event time on

    @Test
    void aWindowSettlesResolvedWhenEventTimePassesItsEndPlusTheLatenessAndOnlyThen() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        FcrConfig config = FcrConfig.parse("""
                allowed_lateness_minutes: 60
                first-contact-resolution: { windows: [24h] }
                """);
        List<ContactEvent> events = List.of(
                FcrEvents.completed("d1", "dave", "2026-11-02T09:00:00Z", "billing.dispute"),
                FcrEvents.completed("c1", "alice", "2026-11-02T10:00:00Z", "billing.dispute"),
                FcrEvents.queued("d2", "dave", "2026-11-02T10:00:00Z"),
                FcrEvents.completed("c2", "bob", "2026-11-02T10:30:00Z", "billing.dispute"),
                // event time then 2026-11-03T11:00:00Z: c1's 24 h + 1 h have passed, c2's not
                FcrEvents.queued("x", "carol", "2026-11-03T11:00:00.001Z"));
        DataStream<ContactEvent> stream = env.fromData(events)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ContactEvent>forGenerator(ctx -> new EveryEvent())
                        .withTimestampAssigner((e, ts) -> e.ts().toEpochMilli()));
        CollectingOutputs outputs = new CollectingOutputs();
        FcrJob.build(stream, config, FcrJob.Sinks.of(outputs));
        env.execute();

        assertThat(outputs.rows(FcrTables.OUTCOMES))
                .extracting(r -> r.contactId, r -> r.status, r -> r.version)
                .containsExactlyInAnyOrder(
                        tuple("c1", "pending", 0),
                        tuple("c2", "pending", 0),
                        tuple("c1", "resolved", 1),
                        tuple("d1", "pending", 0),
                        tuple("d1", "repeat", 1));
        // d2 is dave's first contact after d1: the pair is certain at its start + 1 h, which event time reached;
        // d2 never ended, so version 0.
        assertThat(outputs.rows(FcrTables.REPEATS))
                .extracting(p -> p.firstContactId, p -> p.repeatContactId, p -> p.version)
                .containsExactly(tuple("d1", "d2", 0));
    }

    /** A watermark right behind every event: event time as the events say, at once. */
    private static final class EveryEvent implements WatermarkGenerator<ContactEvent> {
        @Override
        public void onEvent(ContactEvent event, long timestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(timestamp - 1));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    @Test
    void rowsForEveryWindowRepeatsSettleAndWhatIsOpenAtTheEndStaysPending() throws Exception {
        Path input = dir.resolve("contact-events.ndjson");
        Files.write(input, LINES, StandardCharsets.UTF_8);
        CollectingOutputs outputs = new CollectingOutputs();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        // No periodic watermark in this short run: event time moves only when the input ends, up to its last event.
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofHours(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DeploymentConfig config = DeploymentConfig.parse("""
                allowed_lateness_minutes: 60
                max_out_of_orderness_seconds: 0
                first-contact-resolution:
                  windows: [24h, 7d, 7d_same_issue]
                  targets: { default: 0.7, teams: { billing-t1: 0.8 } }
                """);
        Launcher.build(
                env, List.of(new FcrJob()), config, Inputs.files(Map.of("contact-events", List.of(input))), outputs);
        env.execute();

        List<FcrOutcomeRow> rows = outputs.rows(FcrTables.OUTCOMES);
        assertThat(rows).extracting(r -> r.contactId).containsOnly("c1", "c2", "c3");
        // Each version of a row is written once (the redelivered COMPLETED is dropped by the intake; c3 may reach
        // the tracker before c1's COMPLETED, the intake being keyed by event_id, and settle c1 at once).
        for (String window : List.of("24h", "7d", "7d_same_issue")) {
            assertThat(rows)
                    .filteredOn(r -> r.contactId.equals("c1") && r.window.equals(window))
                    .extracting(r -> r.version)
                    .doesNotHaveDuplicates()
                    .contains(1);
        }
        Map<String, String> last = new java.util.TreeMap<>();
        rows.forEach(r -> last.put(r.contactId + " " + r.window, r.status));
        assertThat(last)
                .containsEntry("c1 24h", "repeat") // c3, the transfer leg not
                .containsEntry("c1 7d", "repeat")
                .containsEntry("c1 7d_same_issue", "repeat") // billing again
                .containsEntry("c2 7d", "pending") // open when the input ended: stays pending
                .containsEntry("c3 7d", "pending")
                // settled by the last event (11-04 12:00): c2's 24 h + 1 h ended 11-03 11:05, c3's 11-03 21:10
                .containsEntry("c2 24h", "resolved")
                .containsEntry("c3 24h", "resolved");
        assertThat(rows)
                .filteredOn(r -> r.contactId.equals("c1") && r.window.equals("24h") && r.version == 1)
                .extracting(r -> r.repeatContactId)
                .containsExactly("c3");
        // Pairs: c1 -> c3 only (the transfer leg is no repeat), once certain: the last event took event time there.
        assertThat(outputs.rows(FcrTables.REPEATS))
                .extracting(p -> p.firstContactId, p -> p.repeatContactId, p -> p.repeatReason, p -> p.version)
                .containsExactly(tuple("c1", "c3", "billing.refund", 1));
        assertThat(outputs.rows(FcrTables.TEAM_TARGETS))
                .extracting(t -> t.team, t -> t.window, t -> t.target)
                .containsExactlyInAnyOrder(
                        tuple("", "24h", 0.7),
                        tuple("billing-t1", "24h", 0.8),
                        tuple("", "7d", 0.7),
                        tuple("billing-t1", "7d", 0.8),
                        tuple("", "7d_same_issue", 0.7),
                        tuple("billing-t1", "7d_same_issue", 0.8));
        assertThat(outputs.deadLetters)
                .extracting(DeadLetter::offset, DeadLetter::problem)
                .containsExactly(tuple(11L, Problem.MISSING_FIELD));
    }
}
