package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.ccpulse.jobs.calendar.BusinessDays;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.Launcher;
import org.ccpulse.jobs.testing.CollectingOutputs;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on a MiniCluster, from a bounded NDJSON file to collecting sinks. */
class ServiceLevelPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @TempDir
    Path dir;

    private static final List<String> LINES =
            List.of(
                    q("e1", "c1", "2026-11-24T09:00:00Z"),
                    exit("e2", "c1", "ANSWERED", "2026-11-24T09:00:00Z", "2026-11-24T09:00:20Z"),
                    "{\"event_id\":\"e3\",\"contact_id\":\"c1\",\"type\":\"COMPLETED\",\"ts\":\"2026-11-24T09:06:00Z\",\"channel\":\"voice\","
                            + "\"queue\":\"billing\",\"agent_id\":\"a1\",\"team\":\"t1\",\"talk_s\":300,\"hold_s\":10,\"wrap_s\":30,\"outcome\":\"resolved\"}",
                    q("e4", "c2", "2026-11-24T09:01:00Z"),
                    exit("e5", "c2", "ABANDONED", "2026-11-24T09:01:00Z", "2026-11-24T09:01:03Z"),
                    exit("e5", "c2", "ABANDONED", "2026-11-24T09:01:00Z", "2026-11-24T09:01:03Z"), // redelivered
                    exit(
                            "e7",
                            "c3",
                            "ANSWERED",
                            "2026-11-24T09:13:00Z",
                            "2026-11-24T09:16:30Z"), // next interval, its QUEUED lost
                    q("e8", "c4", "2026-11-24T09:20:00Z"), // still waiting at the end
                    "{\"event_id\":\"e9\",\"contact_id\":\"c5\",\"type\":\"ANSWERED\",\"ts\":\"2026-11-24T09:02:00Z\"}", // no channel
                    "not json at all");

    private static String q(String eventId, String contact, String ts) {
        return "{\"event_id\":\"" + eventId + "\",\"contact_id\":\"" + contact + "\",\"type\":\"QUEUED\",\"ts\":\"" + ts
                + "\",\"channel\":\"voice\",\"queue\":\"billing\"}";
    }

    private static String exit(String eventId, String contact, String type, String queuedAt, String ts) {
        return "{\"event_id\":\"" + eventId + "\",\"contact_id\":\"" + contact + "\",\"type\":\"" + type
                + "\",\"ts\":\"" + ts + "\",\"queued_at\":\"" + queuedAt
                + "\",\"channel\":\"voice\",\"queue\":\"billing\",\"agent_id\":\"a1\",\"team\":\"t1\"}";
    }

    @Test
    void figuresMatchAPlainRecomputationAndBadRecordsAreDeadLettered() throws Exception {
        Path input = dir.resolve("contact-events.ndjson");
        Files.write(input, LINES, StandardCharsets.UTF_8);
        CollectingOutputs outputs = new CollectingOutputs();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Launcher.build(
                env,
                List.of(new ServiceLevelJob()),
                DeploymentConfig.defaults(),
                Inputs.files(Map.of("contact-events", List.of(input))),
                outputs);
        env.execute();
        ServiceLevelConfig config = ServiceLevelConfig.defaults();
        List<QueueMinuteRow> minutes = outputs.rows(ServiceLevelTables.QUEUE_MINUTE);
        List<QueueLiveRow> live = outputs.rows(ServiceLevelTables.QUEUE_LIVE);

        Map<String, QueueCounts> expected = PlainRecomputation.perInterval(parsedGoodEvents(), config);
        Map<String, QueueCounts> actual = PlainRecomputation.fromMinuteRows(minutes);
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
        assertThat(actual.get("billing|voice|2026-11-24T09:00:00Z").answered).isEqualTo(1);
        assertThat(actual.get("billing|voice|2026-11-24T09:00:00Z").shortAbandoned)
                .as("the duplicate counted once")
                .isEqualTo(1);
        assertThat(actual.get("billing|voice|2026-11-24T09:15:00Z").answered).isEqualTo(1);

        assertThat(outputs.deadLetters)
                .extracting(DeadLetter::offset, DeadLetter::problem)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(9L, Problem.MISSING_FIELD),
                        org.assertj.core.groups.Tuple.tuple(10L, Problem.MALFORMED_JSON));

        // The end of a bounded input is not time passing: c4, waiting at the input's last event, is
        // still waiting in the last live state written (not given up on as if 24 h had passed).
        QueueLiveRow last = live.get(live.size() - 1);
        assertThat(last.waiting).isEqualTo(1);
        assertThat(last.oldestQueuedAtMs)
                .isEqualTo(java.time.Instant.parse("2026-11-24T09:20:00Z").toEpochMilli());
        assertThat(outputs.rows(BusinessDays.TABLE)).hasSize(801);
    }

    private static List<ContactEvent> parsedGoodEvents() {
        ContactEventParser parser = new ContactEventParser();
        List<ContactEvent> events = new ArrayList<>();
        for (String line : LINES) {
            if (parser.parse(line.getBytes(StandardCharsets.UTF_8)) instanceof ParseResult.Accepted<ContactEvent> a) {
                events.add(a.event());
            }
        }
        return events;
    }
}
