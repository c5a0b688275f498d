package org.ccpulse.simulator.mess;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;

/**
 * The fields EVENTS.md requires of one record, by kind, and a value no enum accepts for each
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
record RecordShape(List<String> ids, List<String> texts, List<String> instants, List<String> durations,
                   boolean amount, boolean cause, Map<String, String> enums) {

    static RecordShape of(ContactEvent e) {
        List<String> texts = new ArrayList<>(List.of("queue"));
        List<String> instants = new ArrayList<>(List.of("ts"));
        List<String> durations = List.of();
        Map<String, String> enums = Map.of("type", "TRANSFERRED", "channel", "fax");
        ContactEventType type = e.type();
        if (type == ContactEventType.ANSWERED || type == ContactEventType.ABANDONED) {
            instants.add("queued_at");
        }
        if (type == ContactEventType.ANSWERED || type == ContactEventType.COMPLETED) {
            texts.addAll(List.of("agent_id", "team"));
        }
        if (type == ContactEventType.COMPLETED) {
            durations = List.of("talk_s", "hold_s", "wrap_s");
            enums = Map.of("type", "TRANSFERRED", "channel", "fax", "outcome", "maybe_later");
        }
        return new RecordShape(List.of("event_id", "contact_id"), texts, instants, durations, false, false, enums);
    }

    static RecordShape of(Ticket t) {
        boolean complaint = t.category() == TicketCategory.COMPLAINT;
        return new RecordShape(List.of("event_id", "ticket_id", "customer_id"), complaint ? List.of("cause") : List.of(),
                List.of("ts"), List.of(), false, complaint, Map.of("type", "ARCHIVED", "category", "feedback"));
    }

    static RecordShape of(Order o) {
        return new RecordShape(List.of("event_id", "order_id", "customer_id"), List.of(), List.of("ts"), List.of(),
                true, false, Map.of("type", "CHARGEBACK"));
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
