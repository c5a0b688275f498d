package org.ccpulse.simulator.mess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;

/**
 * The fields EVENTS.md requires of one kind of record, and a value no enum accepts for each
 * required enum field. Bad records break only required fields, so the expected rejection is
 * unambiguous.
 *
 * @param ids       required identifiers
 * @param texts     other required strings (queue, agent, team, complaint cause)
 * @param instants  required timestamps
 * @param durations required durations (COMPLETED contacts)
 * @param amount    whether the record has a required {@code amount}
 * @param cause     whether the record has a required complaint {@code cause}
 * @param enums     required enum fields with a spelling that is not one of their values
 */
record RecordShape(
        List<String> ids,
        List<String> texts,
        List<String> instants,
        List<String> durations,
        boolean amount,
        boolean cause,
        Map<String, String> enums) {

    private static final List<String> CONTACT_IDS = List.of("event_id", "contact_id");
    private static final Map<String, String> CONTACT_ENUMS = Map.of("type", "TRANSFERRED", "channel", "fax");
    private static final RecordShape QUEUED =
            new RecordShape(CONTACT_IDS, List.of("queue"), List.of("ts"), List.of(), false, false, CONTACT_ENUMS);
    private static final RecordShape ANSWERED = new RecordShape(
            CONTACT_IDS,
            List.of("queue", "agent_id", "team"),
            List.of("ts", "queued_at"),
            List.of(),
            false,
            false,
            CONTACT_ENUMS);
    private static final RecordShape ABANDONED = new RecordShape(
            CONTACT_IDS, List.of("queue"), List.of("ts", "queued_at"), List.of(), false, false, CONTACT_ENUMS);
    private static final RecordShape COMPLETED = new RecordShape(
            CONTACT_IDS,
            List.of("queue", "agent_id", "team"),
            List.of("ts"),
            List.of("talk_s", "hold_s", "wrap_s"),
            false,
            false,
            Map.of("type", "TRANSFERRED", "channel", "fax", "outcome", "maybe_later"));
    private static final List<String> TICKET_IDS = List.of("event_id", "ticket_id", "customer_id");
    private static final Map<String, String> TICKET_ENUMS = Map.of("type", "ARCHIVED", "category", "feedback");
    private static final RecordShape COMPLAINT =
            new RecordShape(TICKET_IDS, List.of("cause"), List.of("ts"), List.of(), false, true, TICKET_ENUMS);
    private static final RecordShape CASE =
            new RecordShape(TICKET_IDS, List.of(), List.of("ts"), List.of(), false, false, TICKET_ENUMS);
    private static final RecordShape ORDER = new RecordShape(
            List.of("event_id", "order_id", "customer_id"),
            List.of(),
            List.of("ts"),
            List.of(),
            true,
            false,
            Map.of("type", "CHARGEBACK"));

    static RecordShape of(ContactEvent e) {
        return switch (e.type()) {
            case QUEUED -> QUEUED;
            case ANSWERED -> ANSWERED;
            case ABANDONED -> ABANDONED;
            case COMPLETED -> COMPLETED;
        };
    }

    static RecordShape of(Ticket t) {
        return t.category() == TicketCategory.COMPLAINT ? COMPLAINT : CASE;
    }

    static RecordShape of(Order o) {
        return ORDER;
    }

    /** Every required field. */
    List<String> required() {
        List<String> all = new ArrayList<>(ids);
        all.addAll(texts);
        all.addAll(instants);
        all.addAll(durations);
        all.addAll(enums.keySet().stream().sorted().toList());
        if (amount) {
            all.add("amount");
        }
        return all;
    }
}
