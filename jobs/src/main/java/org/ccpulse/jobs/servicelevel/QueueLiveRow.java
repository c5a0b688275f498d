package org.ccpulse.jobs.servicelevel;

import org.ccpulse.schemas.event.Channel;

/**
 * One row of ClickHouse's {@code queue_live}: contacts waiting now in a queue and channel and the
 * earliest queued_at among them (null when none waits). The newest row per key wins ({@code asOfMs}).
 */
public class QueueLiveRow {
    public String queue;
    public Channel channel;
    public long waiting;
    public Long oldestQueuedAtMs;
    /** Processing time of the emission: the row version, newest wins even after a restart. */
    public long asOfMs;

    public QueueLiveRow() {}

    public QueueLiveRow(String queue, Channel channel, long waiting, Long oldestQueuedAtMs, long asOfMs) {
        this.queue = queue;
        this.channel = channel;
        this.waiting = waiting;
        this.oldestQueuedAtMs = oldestQueuedAtMs;
        this.asOfMs = asOfMs;
    }
}
