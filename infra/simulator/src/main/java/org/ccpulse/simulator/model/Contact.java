package org.ccpulse.simulator.model;

import org.ccpulse.schemas.event.Direction;

/** One queue leg of a contact while it is in the center. */
final class Contact {
    enum State {
        WAITING,
        ANSWERED,
        ABANDONED
    }

    final String id;
    final QueueSpec queue;
    final ChannelProfile channel;
    final Direction direction;
    final Customer customer;
    final String parentId;
    /**
     * The queue whose reasons describe the customer's issue: the contact's own queue, except for a
     * transfer leg or a return about the same issue routed elsewhere, which keep the issue they carry.
     */
    final QueueSpec issue;

    long queuedAt;
    State state = State.WAITING;

    Contact(
            String id,
            QueueSpec queue,
            ChannelProfile channel,
            Direction direction,
            Customer customer,
            String parentId) {
        this(id, queue, channel, direction, customer, parentId, queue);
    }

    Contact(
            String id,
            QueueSpec queue,
            ChannelProfile channel,
            Direction direction,
            Customer customer,
            String parentId,
            QueueSpec issue) {
        this.id = id;
        this.queue = queue;
        this.channel = channel;
        this.direction = direction;
        this.customer = customer;
        this.parentId = parentId;
        this.issue = issue;
    }

    String customerId() {
        return customer == null ? null : customer.id();
    }
}
