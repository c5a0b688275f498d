package org.ccpulse.jobs.fcr;

/** Where one window of an eligible contact stands, and the repeat that settled it. A Flink POJO. */
public class FcrWindowState {

    /** Nothing written yet. */
    public static final byte NEW = 0;

    public static final byte PENDING = 1;
    public static final byte REPEAT = 2;
    public static final byte RESOLVED = 3;

    /** The window's label, so a state restored under a changed list of windows still finds its own. */
    public String label;

    public byte status = NEW;

    /** For {@link #REPEAT}: the earliest repeat known, and its start. */
    public String repeatContactId;

    public long repeatStartedAtMs = FcrContact.NONE;

    public FcrWindowState() {}

    public FcrWindowState(String label) {
        this.label = label;
    }
}
