package org.ccpulse.jobs.fcr;

import org.ccpulse.schemas.event.Channel;

/**
 * One row of ClickHouse's {@code fcr_repeat_contacts}: a first contact and the customer's next inbound
 * contact started within the longest window. Version 0 while the repeat has not ended (reason ''),
 * 1 once it has (its reason, '' when it gave none or was abandoned). A Flink POJO.
 */
public class FcrRepeatRow {
    public long firstBusinessDay;
    public String firstContactId;
    public String repeatContactId;
    public String customerId;
    public long firstCompletedAtMs;
    public long repeatStartedAtMs;
    public String firstQueue;
    public Channel firstChannel;
    public String firstTeam;
    public String firstAgentId;
    public String firstReason;
    public boolean firstAgentResolved;
    public String repeatQueue;
    public Channel repeatChannel;
    public String repeatReason;
    public int version;

    public FcrRepeatRow() {}

    /** repeat_started_at - first_completed_at, in seconds. */
    public double delayS() {
        return (repeatStartedAtMs - firstCompletedAtMs) / 1000.0;
    }

    public boolean channelChanged() {
        return firstChannel != repeatChannel;
    }

    @Override
    public String toString() {
        return "FcrRepeatRow[" + firstContactId + " -> " + repeatContactId + " v" + version + " '" + repeatReason
                + "']";
    }
}
