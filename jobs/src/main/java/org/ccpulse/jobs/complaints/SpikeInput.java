package org.ccpulse.jobs.complaints;

/**
 * One complaint as the spike detector of one cause or cause group sees it: each complaint (OPENED) is two of
 * these, one for its cause and one for its cause group.
 *
 * @param level cause or cause group
 * @param key the cause or the cause group
 * @param tsMs the complaint's event time
 */
public record SpikeInput(SpikeLevel level, String key, long tsMs) {

    /** The detector's key: level and key. */
    public String stateKey() {
        return level.label() + ":" + key;
    }
}
