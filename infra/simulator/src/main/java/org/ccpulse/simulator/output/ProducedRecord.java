package org.ccpulse.simulator.output;

import java.time.Instant;

/**
 * One record as it goes to a topic: key per EVENTS.md (contact_id, ticket_id or customer_id),
 * the JSON value, the defect a parser must find (null for a good record), the event time of
 * the model event it came from, and how it was delivered.
 */
public record ProducedRecord(
        InputTopic topic, String key, byte[] value, Defect defect, Instant eventTime, Delivery delivery) {

    public boolean bad() {
        return defect != null;
    }

    public ProducedRecord deliveredAs(Delivery how) {
        return new ProducedRecord(topic, key, value, defect, eventTime, how);
    }
}
