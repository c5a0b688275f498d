package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ccpulse.jobs.complaints.Tickets.complaint;
import static org.ccpulse.jobs.complaints.Tickets.ms;
import static org.ccpulse.jobs.complaints.Tickets.withDue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each complaint's lifecycle in Flink's keyed operator harness: resolution, reopens, past due, order, cleanup. */
class ComplaintLifecycleTrackerTest {

    private static final String CAUSE = "company.delivery";
    private KeyedOneInputStreamOperatorTestHarness<String, Ticket, ComplaintLifecycleRow> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ComplaintLifecycleTracker(ZoneId.of("Europe/Berlin"), Duration.ofHours(2), Duration.ofDays(180)),
                Ticket::ticketId,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(Ticket t) throws Exception {
        harness.processElement(new StreamRecord<>(t, t.ts().toEpochMilli()));
    }

    private ComplaintLifecycleRow last() {
        List<ComplaintLifecycleRow> rows = harness.extractOutputValues();
        return rows.get(rows.size() - 1);
    }

    @Test
    void resolutionTimeRunsFromOpenedToTheFirstResolved() throws Exception {
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T23:30:00Z", CAUSE)); // 00:30 on the 25th in Berlin
        send(complaint("e2", "t1", TicketType.UPDATED, "2026-11-25T01:00:00Z", CAUSE));
        send(complaint("e3", "t1", TicketType.RESOLVED, "2026-11-25T05:30:00Z", CAUSE));
        send(complaint("e4", "t1", TicketType.REOPENED, "2026-11-26T08:00:00Z", CAUSE));
        send(complaint("e5", "t1", TicketType.RESOLVED, "2026-11-26T09:00:00Z", CAUSE));

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.status, r -> r.version, r -> r.reopens)
                .containsExactly(
                        tuple("open", 1, 0),
                        tuple("open", 2, 0),
                        tuple("resolved", 3, 0),
                        tuple("open", 4, 1),
                        tuple("resolved", 5, 1));
        ComplaintLifecycleRow r = last();
        assertThat(r.resolutionMs()).isEqualTo(Duration.ofHours(6).toMillis());
        assertThat(r.firstResolvedAtMs).isEqualTo(ms("2026-11-25T05:30:00Z"));
        assertThat(LocalDate.ofEpochDay(r.businessDay)).isEqualTo(LocalDate.parse("2026-11-25"));
        assertThat(r.cause).isEqualTo(CAUSE);
        assertThat(r.causeGroup).isEqualTo("company");
        assertThat(r.severity).isEqualTo("high");
        assertThat(r.closedAtMs).isNull();
    }

    @Test
    void pastDueWhenNeitherResolvedNorClosedAndTheDeadlinePassed() throws Exception {
        send(withDue(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:00:00Z", CAUSE), "2026-11-25T09:00:00Z"));
        ComplaintLifecycleRow opened = last();
        assertThat(opened.dueAtMs).isEqualTo(ms("2026-11-25T09:00:00Z"));
        assertThat(opened.pastDueAt(ms("2026-11-25T08:59:59Z"))).isFalse();
        assertThat(opened.pastDueAt(ms("2026-11-25T09:00:00Z"))).isTrue();

        // An update moves the deadline; a resolution ends past due; a reopen brings it back.
        send(withDue(complaint("e2", "t1", TicketType.UPDATED, "2026-11-24T10:00:00Z", CAUSE), "2026-11-27T09:00:00Z"));
        assertThat(last().pastDueAt(ms("2026-11-26T00:00:00Z"))).isFalse();
        send(withDue(complaint("e3", "t1", TicketType.RESOLVED, "2026-11-28T10:00:00Z", CAUSE), null));
        assertThat(last().dueAtMs).isEqualTo(ms("2026-11-27T09:00:00Z"));
        assertThat(last().pastDueAt(ms("2026-11-29T00:00:00Z"))).isFalse();
        send(withDue(complaint("e4", "t1", TicketType.REOPENED, "2026-11-29T10:00:00Z", CAUSE), null));
        assertThat(last().pastDueAt(ms("2026-11-29T11:00:00Z"))).isTrue();
        send(withDue(complaint("e5", "t1", TicketType.CLOSED, "2026-11-30T10:00:00Z", CAUSE), null));
        assertThat(last().status).isEqualTo("closed");
        assertThat(last().closedAtMs).isEqualTo(ms("2026-11-30T10:00:00Z"));
        assertThat(last().pastDueAt(ms("2026-12-30T00:00:00Z"))).isFalse();
    }

    @Test
    void eventsBeforeTheirOpenedWriteNoRowAndTheOpenedRowHoldsThemAll() throws Exception {
        send(complaint("e3", "t1", TicketType.RESOLVED, "2026-11-24T12:00:00Z", CAUSE));
        send(complaint("e4", "t1", TicketType.CLOSED, "2026-11-25T12:00:00Z", CAUSE));
        assertThat(harness.extractOutputValues())
                .as("not a complaint before its OPENED")
                .isEmpty();

        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:00:00Z", CAUSE));
        send(complaint("e2", "t1", TicketType.UPDATED, "2026-11-24T10:00:00Z", CAUSE));

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.status, r -> r.version, r -> r.firstResolvedAtMs, r -> r.closedAtMs)
                .containsExactly(
                        tuple("closed", 3, ms("2026-11-24T12:00:00Z"), ms("2026-11-25T12:00:00Z")),
                        tuple("closed", 4, ms("2026-11-24T12:00:00Z"), ms("2026-11-25T12:00:00Z")));
        assertThat(last().resolutionMs()).isEqualTo(Duration.ofHours(3).toMillis());
    }

    @Test
    void theSameEventsInAnyOrderEndInTheSameRow() throws Exception {
        List<Ticket> events = List.of(
                complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:00:00Z", CAUSE),
                complaint("e2", "t1", TicketType.RESOLVED, "2026-11-24T11:00:00Z", CAUSE),
                complaint("e3", "t1", TicketType.REOPENED, "2026-11-25T09:00:00Z", CAUSE),
                complaint("e4", "t1", TicketType.RESOLVED, "2026-11-25T10:00:00Z", CAUSE));
        for (Ticket t : List.of(events.get(3), events.get(1), events.get(2), events.get(0))) {
            send(t);
        }
        ComplaintLifecycleRow shuffled = last();
        assertThat(shuffled.status).isEqualTo("resolved");
        assertThat(shuffled.reopens).isEqualTo(1);
        assertThat(shuffled.firstResolvedAtMs).isEqualTo(ms("2026-11-24T11:00:00Z"));
        assertThat(shuffled.version).isEqualTo(4);
    }

    @Test
    void aClosedComplaintsStateGoesWhenEventTimePassesItsCloseAndTheLateness() throws Exception {
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:00:00Z", CAUSE));
        send(complaint("e2", "t1", TicketType.RESOLVED, "2026-11-24T11:00:00Z", CAUSE));
        send(complaint("e3", "t1", TicketType.CLOSED, "2026-11-25T11:00:00Z", CAUSE));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(new Watermark(ms("2026-11-25T13:00:00Z") - 1));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        harness.processWatermark(new Watermark(ms("2026-11-25T13:00:00Z")));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).hasSize(3);
    }

    @Test
    void aReopenWithinTheLatenessAfterTheCloseKeepsTheState() throws Exception {
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:00:00Z", CAUSE));
        send(complaint("e2", "t1", TicketType.CLOSED, "2026-11-25T11:00:00Z", CAUSE));
        harness.processWatermark(new Watermark(ms("2026-11-25T12:00:00Z")));
        send(complaint("e3", "t1", TicketType.REOPENED, "2026-11-25T12:30:00Z", CAUSE));
        harness.processWatermark(new Watermark(ms("2026-11-26T00:00:00Z")));

        assertThat(last().status).isEqualTo("open");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).as("the max-age timer").isEqualTo(1);
    }

    @Test
    void aComplaintNeverClosedIsForgottenAfterTheMaxAgeButNotAtTheEndOfTheInput() throws Exception {
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:00:00Z", CAUSE));
        send(complaint("e9", "t2", TicketType.RESOLVED, "2026-11-24T10:00:00Z", CAUSE)); // never OPENED
        harness.processWatermark(new Watermark(ms("2027-05-20T00:00:00Z")));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(new Watermark(ms("2027-05-23T10:00:00Z"))); // 180 days after the first events
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.extractOutputValues())
                .as("t1's last row stays as written; t2 never was a complaint")
                .extracting(r -> r.ticketId, r -> r.status)
                .containsExactly(tuple("t1", "open"));
    }

    @Test
    void theEndOfABoundedInputForgetsNothing() throws Exception {
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:00:00Z", CAUSE));
        send(complaint("e2", "t1", TicketType.CLOSED, "2026-11-24T10:00:00Z", CAUSE));
        harness.processWatermark(new Watermark(EndOfInput.TIME));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.extractOutputValues()).hasSize(2);
    }
}
