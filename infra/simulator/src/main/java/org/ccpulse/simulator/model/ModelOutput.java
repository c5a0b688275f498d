package org.ccpulse.simulator.model;

import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.Ticket;

/** Receives every event the model produces, possibly dated ahead of the simulation clock. */
public interface ModelOutput {
    void contact(ContactEvent event);

    void ticket(Ticket ticket);

    void order(Order order);
}
