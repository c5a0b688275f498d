package org.ccpulse.jobs.servicelevel;

import org.ccpulse.schemas.event.Channel;

/**
 * What the queue figures need of one contact event: it left the queue (answered or abandoned,
 * with its wait) or it was completed (with its handle time). A Flink POJO.
 */
public class QueueFact {

    public enum Kind {
        ANSWERED,
        ABANDONED,
        COMPLETED
    }

    public Kind kind;
    public String queue;
    public Channel channel;
    /** Event time: the {@code ts} of the ANSWERED, ABANDONED or COMPLETED event. */
    public long tsMs;
    /** Wait (queue exits) or talk + hold + wrap (completions), in nanoseconds so T and S compare exactly. */
    public long durationNanos;

    public QueueFact() {}

    public QueueFact(Kind kind, String queue, Channel channel, long tsMs, long durationNanos) {
        this.kind = kind;
        this.queue = queue;
        this.channel = channel;
        this.tsMs = tsMs;
        this.durationNanos = durationNanos;
    }

    /** The key of a queue figure: one queue on one channel. */
    public String queueKey() {
        return QueueKeys.of(queue, channel);
    }
}
