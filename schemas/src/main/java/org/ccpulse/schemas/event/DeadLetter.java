package org.ccpulse.schemas.event;

import java.time.Instant;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.Rejection;

/**
 * A rejected input record, as on the {@code dead-letters} topic: where it came from, its
 * value exactly as received, and why it was rejected.
 *
 * @param sourceTopic the input topic
 * @param partition   its partition
 * @param offset      its offset in that partition
 * @param rawValue    the record value byte for byte (null for a tombstone); the JSON form
 *                    carries it as text when it is UTF-8, else base64. A record's equals
 *                    compares this array by identity, as for any array component.
 * @param reason      the human-readable reason, {@link Rejection#reason()}
 * @param problem     the rule that was broken
 * @param field       the offending JSON field, or null when the record as a whole is bad
 * @param rejectedAt  when the pipeline rejected it
 */
public record DeadLetter(
        String sourceTopic,
        int partition,
        long offset,
        byte[] rawValue,
        String reason,
        Problem problem,
        String field,
        Instant rejectedAt) {

    /** The dead letter for a record a parser rejected. */
    public static DeadLetter of(
            String sourceTopic, int partition, long offset, byte[] rawValue, Rejection rejection, Instant rejectedAt) {
        return new DeadLetter(
                sourceTopic,
                partition,
                offset,
                rawValue,
                rejection.reason(),
                rejection.problem(),
                rejection.field(),
                rejectedAt);
    }
}
