package org.ccpulse.jobs.customervalue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.ccpulse.jobs.customervalue.ChurnEvents.completed;
import static org.ccpulse.jobs.customervalue.ChurnEvents.contact;
import static org.ccpulse.jobs.customervalue.ChurnEvents.queued;
import static org.ccpulse.jobs.customervalue.ChurnEvents.ticket;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.DAY;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.SETTINGS;
import static org.ccpulse.jobs.customervalue.ChurnFixtures.T0;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.ccpulse.jobs.customervalue.CustomerActivity.Kind;
import org.ccpulse.jobs.platform.EndOfInput;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The escalation activity operator in Flink's keyed two-input harness. */
class EscalationActivityTest {

    static final long HOUR = 3_600_000L;

    private KeyedTwoInputStreamOperatorTestHarness<String, Ticket, ContactEvent, CustomerActivity> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new EscalationActivity(SETTINGS), Ticket::customerId, ContactEvent::customerId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void in(Ticket t) throws Exception {
        harness.processElement1(t, t.ts().toEpochMilli());
    }

    private void in(ContactEvent e) throws Exception {
        harness.processElement2(e, e.ts().toEpochMilli());
    }

    @Test
    void complaintsAndTicketsOpeningAndClosing() throws Exception {
        in(ticket("cu", "t1", TicketType.OPENED, TicketCategory.COMPLAINT, T0));
        in(ticket("cu", "t2", TicketType.OPENED, TicketCategory.INQUIRY, T0 + HOUR));
        in(ticket("cu", "t2", TicketType.UPDATED, TicketCategory.INQUIRY, T0 + 2 * HOUR));
        in(ticket("cu", "t1", TicketType.RESOLVED, TicketCategory.COMPLAINT, T0 + 3 * HOUR));
        in(ticket("cu", "t1", TicketType.REOPENED, TicketCategory.COMPLAINT, T0 + 4 * HOUR));
        in(ticket("cu", "t1", TicketType.CLOSED, TicketCategory.COMPLAINT, T0 + 5 * HOUR));
        in(ticket("cu", "t2", TicketType.CLOSED, TicketCategory.INQUIRY, T0 + 6 * HOUR));

        assertThat(harness.extractOutputValues())
                .extracting(
                        CustomerActivity::kind,
                        CustomerActivity::tsMs,
                        CustomerActivity::ticketId,
                        CustomerActivity::openTickets)
                .containsExactly(
                        tuple(Kind.TICKET_OPENED, T0, "t1", 1),
                        tuple(Kind.COMPLAINT, T0, null, 1),
                        tuple(Kind.TICKET_OPENED, T0 + HOUR, "t2", 2),
                        tuple(Kind.TICKET_CLOSED, T0 + 3 * HOUR, "t1", 1),
                        tuple(Kind.TICKET_OPENED, T0 + 4 * HOUR, "t1", 2),
                        tuple(Kind.TICKET_CLOSED, T0 + 5 * HOUR, "t1", 1),
                        tuple(Kind.TICKET_CLOSED, T0 + 6 * HOUR, "t2", 0));
    }

    @Test
    void anOpeningOlderThanTheTicketsClosingChangesNothing() throws Exception {
        in(ticket("cu", "t1", TicketType.CLOSED, TicketCategory.INQUIRY, T0 + HOUR));
        in(ticket("cu", "t1", TicketType.OPENED, TicketCategory.INQUIRY, T0)); // out of order

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aRepeatContactIsAStartWithinTheWindowAfterAnotherContactCompleted() throws Exception {
        in(queued("cu", "k1", T0));
        in(completed("cu", "k1", T0 + HOUR));
        in(queued("cu", "k2", T0 + 100 * HOUR)); // a repeat of k1
        in(completed("cu", "k2", T0 + 101 * HOUR));
        in(contact("cu", "k3", ContactEventType.QUEUED, T0 + 102 * HOUR, Direction.OUTBOUND, null)); // outbound
        in(contact("cu", "k4", ContactEventType.QUEUED, T0 + 103 * HOUR, Direction.INBOUND, "k2")); // transfer leg
        in(queued("cu", "k5", T0 + 101 * HOUR + 169 * HOUR)); // 169 h after k2 completed: not a repeat

        assertThat(harness.extractOutputValues())
                .extracting(CustomerActivity::kind, CustomerActivity::tsMs)
                .containsExactly(tuple(Kind.REPEAT_CONTACT, T0 + 100 * HOUR));
    }

    @Test
    void aStartArrivingBeforeTheEarlierCompletionIsARepeatOnce() throws Exception {
        in(queued("cu", "k2", T0 + 2 * HOUR));
        in(completed("cu", "k1", T0 + HOUR)); // arrives late
        in(completed("cu", "k0", T0 + HOUR / 2)); // another, later still: k2 was reported already

        assertThat(harness.extractOutputValues())
                .extracting(CustomerActivity::kind, CustomerActivity::tsMs)
                .containsExactly(tuple(Kind.REPEAT_CONTACT, T0 + 2 * HOUR));
    }

    @Test
    void aTicketOpenLongerThanTheMaxAgeIsTakenAsClosedAndNothingIsKept() throws Exception {
        in(ticket("cu", "t1", TicketType.OPENED, TicketCategory.INQUIRY, T0));
        in(ticket("cu", "t2", TicketType.OPENED, TicketCategory.SALES, T0));
        in(ticket("cu", "t2", TicketType.CLOSED, TicketCategory.SALES, T0 + DAY));
        in(completed("cu", "k1", T0));
        in(queued("cu", "k2", T0 + HOUR));
        harness.processBothWatermarks(new Watermark(T0 + 90 * DAY - 1));
        assertThat(harness.extractOutputValues())
                .extracting(CustomerActivity::kind)
                .doesNotContain(Kind.COMPLAINT);
        int before = harness.extractOutputValues().size();

        harness.processBothWatermarks(new Watermark(T0 + 90 * DAY));

        assertThat(harness.extractOutputValues()
                        .subList(before, harness.extractOutputValues().size()))
                .extracting(
                        CustomerActivity::kind,
                        CustomerActivity::tsMs,
                        CustomerActivity::ticketId,
                        CustomerActivity::openTickets)
                .containsExactly(tuple(Kind.TICKET_CLOSED, T0 + 90 * DAY, "t1", 0));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void theEndOfABoundedInputAgesNothing() throws Exception {
        in(ticket("cu", "t1", TicketType.OPENED, TicketCategory.INQUIRY, T0));
        harness.processBothWatermarks(new Watermark(EndOfInput.TIME));

        assertThat(harness.extractOutputValues())
                .extracting(CustomerActivity::kind)
                .containsExactly(Kind.TICKET_OPENED);
    }
}
