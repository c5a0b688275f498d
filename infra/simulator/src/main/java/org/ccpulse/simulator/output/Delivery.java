package org.ccpulse.simulator.output;

/** How a record was delivered relative to its event time. */
public enum Delivery {
    /** At its event time (bad records: within seconds of it). */
    ON_TIME,
    /** Held back 1-30 s, so it arrives after records that happened later. */
    OUT_OF_ORDER,
    /** Held back 2 min to 6 h, as after an outage. */
    LATE,
    /** A second copy of a record already delivered: identical bytes, same event_id. */
    REDELIVERED
}
