package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ccpulse.jobs.complaints.Tickets.ms;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.testing.CollectingOutputs;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.parse.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a MiniCluster through the launcher, from a bounded NDJSON file of tickets (a redelivered
 * OPENED, a bad record, a ticket of another category, a complaint without its optional fields, a reopen) to
 * collecting sinks, with Flink's generic (Kryo) serialization switched off.
 */
class ComplaintsPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    private static String ticket(String id, String ticket, String type, String ts, String category, String extra) {
        return "{\"event_id\":\"" + id + "\",\"ticket_id\":\"" + ticket + "\",\"type\":\"" + type + "\",\"ts\":\"" + ts
                + "\",\"customer_id\":\"cu-" + ticket + "\",\"category\":\"" + category + "\"" + extra + "}";
    }

    private static final String FULL =
            ",\"cause\":\"company.billing\",\"product\":\"mobile\",\"department\":\"finance\","
                    + "\"channel\":\"chat\",\"severity\":\"high\",\"due_at\":\"2026-11-25T09:00:00Z\"";

    private static final List<String> LINES = List.of(
            ticket("e1", "t1", "OPENED", "2026-11-24T09:10:00Z", "complaint", FULL),
            ticket("e1", "t1", "OPENED", "2026-11-24T09:10:00Z", "complaint", FULL), // redelivered
            ticket("e2", "t2", "OPENED", "2026-11-24T09:20:00Z", "complaint", FULL),
            ticket("e3", "t3", "OPENED", "2026-11-24T09:30:00Z", "complaint", ",\"cause\":\"agent.attitude\""),
            ticket("e4", "t4", "OPENED", "2026-11-24T09:40:00Z", "inquiry", ",\"product\":\"mobile\""),
            ticket("e5", "t1", "RESOLVED", "2026-11-24T11:10:00Z", "complaint", FULL),
            ticket("e6", "t1", "REOPENED", "2026-11-24T12:05:00Z", "complaint", FULL),
            ticket("e7", "t5", "OPENED", "2026-11-24T12:30:00Z", "complaint", ""), // no cause: a dead letter
            ticket("e8", "t2", "CLOSED", "2026-11-24T13:00:00Z", "complaint", FULL));

    @Test
    void hoursLifecycleAndDeadLettersFromAFileOfTickets() throws Exception {
        Path input = dir.resolve("tickets.ndjson");
        Files.write(input, LINES, StandardCharsets.UTF_8);
        CollectingOutputs outputs = new CollectingOutputs();
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        DeploymentConfig config = DeploymentConfig.parse("""
                allowed_lateness_minutes: 60
                complaints: { spikes: { min_count: 3 } }
                """);
        Launcher.build(
                env, List.of(new ComplaintsJob()), config, Inputs.files(Map.of("tickets", List.of(input))), outputs);
        env.execute();

        // The newest row of each hour and dimensions, as ClickHouse's FINAL keeps it.
        Map<String, ComplaintHourRow> hours = outputs.rows(ComplaintsTables.HOURS).stream()
                .collect(Collectors.toMap(
                        r -> r.hourStartMs + " " + r.cause + " " + r.product + " " + r.department + " " + r.channel,
                        Function.identity(),
                        (a, b) -> a.version >= b.version ? a : b));
        assertThat(hours.values())
                .extracting(
                        r -> r.hourStartMs,
                        r -> r.cause,
                        r -> r.product,
                        r -> r.channel,
                        r -> r.complaints,
                        r -> r.reopens)
                .containsExactlyInAnyOrder(
                        tuple(ms("2026-11-24T09:00:00Z"), "company.billing", "mobile", "chat", 2L, 0L),
                        tuple(ms("2026-11-24T09:00:00Z"), "agent.attitude", "not given", "not given", 1L, 0L),
                        tuple(ms("2026-11-24T12:00:00Z"), "company.billing", "mobile", "chat", 0L, 1L));

        Map<String, ComplaintLifecycleRow> lifecycle = outputs.rows(ComplaintsTables.LIFECYCLE).stream()
                .collect(Collectors.toMap(
                        r -> r.ticketId, Function.identity(), (a, b) -> a.version >= b.version ? a : b));
        assertThat(lifecycle.values())
                .extracting(
                        r -> r.ticketId,
                        r -> r.status,
                        r -> r.reopens,
                        r -> r.version,
                        ComplaintLifecycleRow::resolutionMs)
                .containsExactlyInAnyOrder(
                        tuple("t1", "open", 1, 3, 2 * 3_600_000L),
                        tuple("t2", "closed", 0, 2, null),
                        tuple("t3", "open", 0, 1, null));
        // At most one row per event applied (the redelivery dropped by the intake): events of one ticket pass the
        // intake's deduplication on different subtasks, so one may arrive before its OPENED and write no row.
        assertThat(outputs.rows(ComplaintsTables.LIFECYCLE))
                .extracting(r -> r.ticketId + " v" + r.version)
                .doesNotHaveDuplicates()
                .isSubsetOf("t1 v1", "t1 v2", "t1 v3", "t2 v1", "t2 v2", "t3 v1");

        assertThat(outputs.deadLetters)
                .extracting(DeadLetter::offset, DeadLetter::problem)
                .containsExactly(tuple(8L, Problem.MISSING_FIELD)); // the 8th line
        assertThat(outputs.rows(ComplaintsTables.SPIKES)).as("no baseline yet").isEmpty();
        assertThat(outputs.published(OutputTopic.COMPLAINT_SPIKES)).isEmpty();
    }
}
