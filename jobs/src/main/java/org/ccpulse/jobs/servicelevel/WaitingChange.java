package org.ccpulse.jobs.servicelevel;

import org.ccpulse.schemas.event.Channel;

/** A contact started or stopped waiting in a queue: the input of live queue state. A Flink POJO. */
public class WaitingChange {
    public String queue;
    public Channel channel;
    public String contactId;
    public long queuedAtMs;
    /** true: it is waiting now; false: it left the queue (answered, abandoned, or given up on). */
    public boolean waiting;

    public WaitingChange() {}

    public WaitingChange(String queue, Channel channel, String contactId, long queuedAtMs, boolean waiting) {
        this.queue = queue;
        this.channel = channel;
        this.contactId = contactId;
        this.queuedAtMs = queuedAtMs;
        this.waiting = waiting;
    }

    public String queueKey() {
        return QueueKeys.of(queue, channel);
    }
}
