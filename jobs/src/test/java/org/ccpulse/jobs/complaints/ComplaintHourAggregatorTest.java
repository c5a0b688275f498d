package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ccpulse.jobs.complaints.Tickets.bare;
import static org.ccpulse.jobs.complaints.Tickets.complaint;
import static org.ccpulse.jobs.complaints.Tickets.ms;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counting per hour in Flink's keyed operator harness: flushes, late events, missing fields, reopens, cleanup. */
class ComplaintHourAggregatorTest {

    private KeyedOneInputStreamOperatorTestHarness<String, Ticket, ComplaintHourRow> harness;

    private void open(ZoneId zone) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ComplaintHourAggregator(zone, Duration.ofHours(2), Duration.ofSeconds(2)),
                ComplaintRules::dimensionKey,
                Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(Ticket t) throws Exception {
        harness.processElement(new StreamRecord<>(t, t.ts().toEpochMilli()));
    }

    @Test
    void complaintsAndReopensCountInTheHourOfTheirEventWrittenAtTheNextFlush() throws Exception {
        open(ZoneId.of("Europe/Berlin"));
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:10:00Z", "company.billing"));
        send(complaint("e2", "t2", TicketType.OPENED, "2026-11-24T09:50:00Z", "company.billing"));
        send(complaint("e3", "t0", TicketType.REOPENED, "2026-11-24T09:55:00Z", "company.billing"));
        send(complaint("e4", "t3", TicketType.OPENED, "2026-11-24T10:05:00Z", "company.billing"));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.setProcessingTime(2_000);

        assertThat(harness.extractOutputValues())
                .extracting(
                        r -> r.hourStartMs,
                        r -> r.cause,
                        r -> r.causeGroup,
                        r -> r.product,
                        r -> r.department,
                        r -> r.channel,
                        r -> r.complaints,
                        r -> r.reopens,
                        r -> r.version)
                .containsExactlyInAnyOrder(
                        tuple(
                                ms("2026-11-24T09:00:00Z"),
                                "company.billing",
                                "company",
                                "broadband",
                                "finance",
                                "voice",
                                2L,
                                1L,
                                3L),
                        tuple(
                                ms("2026-11-24T10:00:00Z"),
                                "company.billing",
                                "company",
                                "broadband",
                                "finance",
                                "voice",
                                1L,
                                0L,
                                1L));
        assertThat(harness.extractOutputValues().get(0).businessDay)
                .isEqualTo(LocalDate.parse("2026-11-24").toEpochDay());
    }

    @Test
    void missingOptionalFieldsAreGroupedAsNotGivenNeverDropped() throws Exception {
        open(ZoneId.of("UTC"));
        send(bare("e1", "t1", TicketType.OPENED, "2026-11-24T09:10:00Z", "agent.attitude"));
        send(bare("e2", "t2", TicketType.OPENED, "2026-11-24T09:20:00Z", "agent.attitude"));
        harness.setProcessingTime(2_000);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(r -> {
            assertThat(r.product).isEqualTo("not given");
            assertThat(r.department).isEqualTo("not given");
            assertThat(r.channel).isEqualTo("not given");
            assertThat(r.causeGroup).isEqualTo("agent");
            assertThat(r.complaints).isEqualTo(2);
        });
    }

    @Test
    void aLateEventWithinTheLatenessUpdatesItsHourWithAHigherVersion() throws Exception {
        open(ZoneId.of("UTC"));
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:10:00Z", "company.billing"));
        harness.setProcessingTime(2_000);
        harness.processWatermark(new Watermark(ms("2026-11-24T10:50:00Z")));

        send(complaint("e2", "t2", TicketType.OPENED, "2026-11-24T09:40:00Z", "company.billing")); // 70 min late
        harness.setProcessingTime(4_000);

        List<ComplaintHourRow> rows = harness.extractOutputValues();
        assertThat(rows).extracting(r -> r.hourStartMs).containsOnly(ms("2026-11-24T09:00:00Z"));
        assertThat(rows).extracting(r -> r.complaints, r -> r.version).containsExactly(tuple(1L, 1L), tuple(2L, 2L));
    }

    @Test
    void anHourIsWrittenFinalAndItsStateGoneOnceTheWatermarkPassesItsEndPlusTheLateness() throws Exception {
        open(ZoneId.of("UTC"));
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T09:10:00Z", "company.billing"));
        send(bare("e2", "t2", TicketType.REOPENED, "2026-11-24T10:10:00Z", "company.billing"));

        harness.processWatermark(new Watermark(ms("2026-11-24T12:00:00Z") - 1));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(new Watermark(ms("2026-11-24T12:00:00Z")));
        assertThat(harness.extractOutputValues())
                .as("the 09:00 hour is final, written without waiting for a flush")
                .singleElement()
                .satisfies(r -> assertThat(r.hourStartMs).isEqualTo(ms("2026-11-24T09:00:00Z")));

        harness.processWatermark(new Watermark(ms("2026-11-24T13:00:00Z")));
        harness.setProcessingTime(2_000);
        assertThat(harness.extractOutputValues()).hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anHourOfAHalfHourZoneThatSpansTwoBusinessDatesHasARowPerDate() throws Exception {
        open(ZoneId.of("Asia/Kolkata")); // +05:30: the UTC hour 18:00 is 23:30 to 00:30 local
        send(complaint("e1", "t1", TicketType.OPENED, "2026-11-24T18:10:00Z", "company.billing"));
        send(complaint("e2", "t2", TicketType.OPENED, "2026-11-24T18:40:00Z", "company.billing"));
        harness.setProcessingTime(2_000);

        assertThat(harness.extractOutputValues())
                .extracting(r -> r.hourStartMs, r -> LocalDate.ofEpochDay(r.businessDay), r -> r.complaints)
                .containsExactlyInAnyOrder(
                        tuple(ms("2026-11-24T18:00:00Z"), LocalDate.parse("2026-11-24"), 1L),
                        tuple(ms("2026-11-24T18:00:00Z"), LocalDate.parse("2026-11-25"), 1L));
        harness.processWatermark(new Watermark(ms("2026-11-24T21:00:00Z")));
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
