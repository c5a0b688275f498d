package org.ccpulse.jobs.complaints;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One end of a complaint spike: {@link Status#OPENED} once when it opens, {@link Status#CLOSED} once
 * when it closes, both with the same {@link #spikeId}.
 *
 * @param spikeId stable per episode (a name-based UUID of level, key and opening hour), so a replay of
 *     the same counts produces the same id
 * @param level cause or cause group
 * @param key the cause's or the cause group's name
 * @param status OPENED or CLOSED
 * @param hourStartMs the start of the (local) hour this event is about: for OPENED the hour it opened
 *     in, for CLOSED the first full hour back at or below the close threshold
 * @param observed the complaints counted in that hour; for an OPENED with {@code partial} the count
 *     so far when it opened
 * @param expected the baseline's expected count for that full hour
 * @param bound the upper bound for that full hour (the count above which a quiet hour has
 *     probability at most the tail probability)
 * @param score {@code -log10 P[X >= observed]} under the hour's count distribution: 3 is a 1-in-1000
 *     hour, 6 a 1-in-a-million hour
 * @param openedAtMs the hour the episode opened in (for OPENED, {@code hourStartMs})
 * @param partial true when the spike opened before its hour was complete (the running count already
 *     above the full hour's bound)
 */
public record ComplaintSpike(
        String spikeId,
        SpikeLevel level,
        String key,
        Status status,
        long hourStartMs,
        long observed,
        double expected,
        long bound,
        double score,
        long openedAtMs,
        boolean partial) {

    public enum Status {
        OPENED,
        CLOSED
    }

    /** The id of the episode of {@code key} at {@code level} that opened in the hour starting at {@code openedAtMs}. */
    public static String spikeId(SpikeLevel level, String key, long openedAtMs) {
        String name = "complaint-spike\u0000" + level.label() + "\u0000" + key + "\u0000" + openedAtMs;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
