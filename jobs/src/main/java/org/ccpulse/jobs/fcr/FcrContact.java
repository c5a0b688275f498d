package org.ccpulse.jobs.fcr;

import org.ccpulse.schemas.event.Channel;

/**
 * What the job keeps of one contact of a customer (an inbound contact without parent, its events
 * merged in any order): its start (QUEUED), its end (COMPLETED or ABANDONED) and, once completed, its
 * attribution and where each window stands. Every contact of a customer plays one or both roles:
 * a possible repeat of an earlier contact (by its start and its reason) and, once completed, an
 * eligible contact whose windows are open. A Flink POJO (no Kryo); times are epoch ms,
 * {@link #NONE} when not known.
 */
public class FcrContact {

    public static final long NONE = Long.MIN_VALUE;

    public static final byte OPEN = 0;
    public static final byte COMPLETED = 1;
    public static final byte ABANDONED = 2;

    public String contactId;

    /** The QUEUED event's ts, queue and channel (the earliest, should it come twice). */
    public long startedAtMs = NONE;

    public String startQueue;
    public Channel startChannel;

    /** {@link #OPEN}, {@link #COMPLETED} or {@link #ABANDONED}, with the end's ts. */
    public byte end = OPEN;

    public long endedAtMs = NONE;

    /** The reason given on COMPLETED, "" when none. */
    public String reason;

    /** Attribution, from COMPLETED: C's queue, channel, team, agent, disposition and business day. */
    public String queue;

    public Channel channel;
    public String team;
    public String agentId;
    public boolean agentResolved;
    public long businessDay;

    /** Once completed: one entry per configured window, in the configuration's order. */
    public FcrWindowState[] windows;

    /** The repeat of the pair row written for this contact, null before; with the version written. */
    public String pairRepeatId;

    public byte pairVersion;

    public FcrContact() {}

    public FcrContact(String contactId) {
        this.contactId = contactId;
    }

    public boolean started() {
        return startedAtMs != NONE;
    }

    public boolean completed() {
        return end == COMPLETED;
    }

    @Override
    public String toString() {
        return "FcrContact[" + contactId + ", started " + startedAtMs + ", end " + end + " at " + endedAtMs + "]";
    }
}
