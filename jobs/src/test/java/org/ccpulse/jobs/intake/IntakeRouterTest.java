package org.ccpulse.jobs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntakeRouterTest {

    private static final ContactEventParser PARSER =
            new ContactEventParser(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));

    private OneInputStreamOperatorTestHarness<Intake<ContactEvent>, ContactEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(
                new IntakeRouter<>(Duration.ofHours(2), ContactEvent::ts));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Intake<ContactEvent> record(long offset, String json) {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        return Intake.of(PARSER.parse(raw), "contact-events", 3, offset, raw);
    }

    private static String queued(String eventId, String ts) {
        return "{\"event_id\":\"" + eventId + "\",\"contact_id\":\"c1\",\"type\":\"QUEUED\",\"ts\":\"" + ts
                + "\",\"channel\":\"voice\",\"queue\":\"billing\"}";
    }

    private void send(Intake<ContactEvent> intake) throws Exception {
        harness.processElement(new StreamRecord<>(intake));
    }

    @Test
    void rejectedRecordsGoToTheDeadLettersWithTheirCoordinatesAndReason() throws Exception {
        send(record(41, "{\"event_id\":\"e1\""));
        send(record(42, queued("e2", "2026-11-24T09:00:00Z")));

        assertThat(harness.extractOutputValues())
                .extracting(ContactEvent::eventId)
                .containsExactly("e2");
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.sourceTopic()).isEqualTo("contact-events");
            assertThat(d.partition()).isEqualTo(3);
            assertThat(d.offset()).isEqualTo(41);
            assertThat(d.problem()).isEqualTo(Problem.MALFORMED_JSON);
            assertThat(new String(d.rawValue(), StandardCharsets.UTF_8)).isEqualTo("{\"event_id\":\"e1\"");
        });
    }

    @Test
    void anEventIsLateExactlyWhenItsTimePlusTheAllowedLatenessIsBehindTheWatermark() throws Exception {
        harness.processWatermark(
                new Watermark(Instant.parse("2026-11-24T11:00:00Z").toEpochMilli()));

        send(record(1, queued("just-in-time", "2026-11-24T09:00:00.001Z")));
        send(record(2, queued("late", "2026-11-24T09:00:00Z")));

        assertThat(harness.extractOutputValues())
                .extracting(ContactEvent::eventId)
                .containsExactly("just-in-time");
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.problem()).isEqualTo(Problem.LATE);
            assertThat(d.field()).isEqualTo("ts");
            assertThat(d.offset()).isEqualTo(2);
            assertThat(d.reason()).startsWith("ts: LATE (2026-11-24T09:00:00Z is more than 120 min behind");
        });
    }

    /**
     * Watermarks are not part of a checkpoint: a restored job starts again from no event time. The
     * router must still reject what was already too late when the checkpoint was taken, or a replay
     * after a restart would count events an uninterrupted run rejects (into minutes already final).
     */
    @Test
    void afterARestoreAnEventLateByTheEventTimeReachedBeforeTheCheckpointIsStillLate() throws Exception {
        harness.processWatermark(
                new Watermark(Instant.parse("2026-11-24T11:00:00Z").toEpochMilli()));
        send(record(1, queued("on-time", "2026-11-24T10:59:00Z")));
        OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
        harness.close();

        harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new IntakeRouter<>(Duration.ofHours(2), ContactEvent::ts)));
        harness.initializeState(checkpoint);
        harness.open();
        send(record(2, queued("just-in-time", "2026-11-24T09:00:00.001Z")));
        send(record(3, queued("late", "2026-11-24T09:00:00Z")));

        assertThat(harness.extractOutputValues())
                .extracting(ContactEvent::eventId)
                .containsExactly("just-in-time");
        assertThat(deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.problem()).isEqualTo(Problem.LATE);
            assertThat(d.offset()).isEqualTo(3);
        });
    }

    private List<DeadLetter> deadLetters() {
        var side = harness.getSideOutput(IntakeRouter.DEAD_LETTERS);
        return side == null
                ? List.of()
                : side.stream().map(StreamRecord::getValue).toList();
    }
}
