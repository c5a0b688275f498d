package org.ccpulse.jobs.servicelevel;

import org.ccpulse.schemas.event.Channel;

/**
 * One row of ClickHouse's {@code queue_minute}: the figures of one queue and channel in one UTC
 * minute, with the rules they were counted under. {@code counts.facts} is the row version: a
 * rewrite of the same minute after a restart carries the same or a higher version.
 */
public class QueueMinuteRow {
    public String queue;
    public Channel channel;
    public long minuteStartMs;
    public long intervalStartMs;
    /** Business day (in the business zone) as days since 1970-01-01. */
    public long businessDay;

    public QueueCounts counts;
    public long thresholdS;
    public long shortAbandonS;
    public double target;
    public SlFormula formula;

    public QueueMinuteRow() {}

    public QueueMinuteRow(
            String queue,
            Channel channel,
            long minuteStartMs,
            long intervalStartMs,
            long businessDay,
            QueueCounts counts,
            QueueRules rules) {
        this.queue = queue;
        this.channel = channel;
        this.minuteStartMs = minuteStartMs;
        this.intervalStartMs = intervalStartMs;
        this.businessDay = businessDay;
        this.counts = counts;
        this.thresholdS = rules.threshold().toSeconds();
        this.shortAbandonS = rules.shortAbandon().toSeconds();
        this.target = rules.target();
        this.formula = rules.formula();
    }
}
