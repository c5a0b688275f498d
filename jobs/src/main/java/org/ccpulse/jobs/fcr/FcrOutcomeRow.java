package org.ccpulse.jobs.fcr;

import org.ccpulse.schemas.event.Channel;

/**
 * One row of ClickHouse's {@code fcr_contact_outcomes}: an eligible contact in one window, with its
 * attribution and status ({@code pending}, {@code repeat}, {@code resolved}). Version 0 pending, 1
 * settled. A Flink POJO.
 */
public class FcrOutcomeRow {

    public static final String PENDING = "pending";
    public static final String REPEAT = "repeat";
    public static final String RESOLVED = "resolved";

    /** Business day of the completion, days since 1970-01-01. */
    public long businessDay;

    public String window;
    public String contactId;
    public String customerId;
    public long completedAtMs;
    public String queue;
    public Channel channel;
    public String team;
    public String agentId;
    public String reason;
    public boolean agentResolved;
    public String status;
    /** "" unless status is repeat. */
    public String repeatContactId;
    /** null unless status is repeat. */
    public Long repeatStartedAtMs;

    public int version;

    public FcrOutcomeRow() {}

    @Override
    public String toString() {
        return "FcrOutcomeRow[" + contactId + " " + window + " " + status + " v" + version
                + (repeatContactId.isEmpty() ? "" : " by " + repeatContactId) + "]";
    }
}
