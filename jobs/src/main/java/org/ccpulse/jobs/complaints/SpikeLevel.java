package org.ccpulse.jobs.complaints;

/** What a spike counts: one complaint cause, or a group of causes. */
public enum SpikeLevel {
    CAUSE("cause"),
    CAUSE_GROUP("cause_group");

    private final String label;

    SpikeLevel(String label) {
        this.label = label;
    }

    /** The level as written in rows and configuration: {@code cause} or {@code cause_group}. */
    public String label() {
        return label;
    }
}
