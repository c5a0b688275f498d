package org.ccpulse.schemas.event;

import java.time.Instant;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.Rejection;

/**
 * A rejected input record, as on the {@code dead-letters} topic: where it came from, the start of its
 * value with the whole value's length and hash ({@link RawValue}: never more than
 * {@link RawValue#PREFIX_BYTES} bytes of it, so any record fits a dead letter), and why it was rejected.
 *
 * @param sourceTopic    the input topic
 * @param partition      its partition
 * @param offset         its offset in that partition
 * @param rawValue       the value's first bytes, at most {@link RawValue#PREFIX_BYTES} (null for a
 *                       tombstone); the JSON form carries them as text when they are UTF-8, else base64.
 *                       A record's equals compares this array by identity, as for any array component.
 * @param rawValueLength the whole value's length in bytes (0 for a tombstone)
 * @param rawValueSha256 the whole value's SHA-256 in lower-case hex (null for a tombstone)
 * @param reason         the human-readable reason, {@link Rejection#reason()}
 * @param problem        the rule that was broken
 * @param field          the offending JSON field, or null when the record as a whole is bad
 * @param rejectedAt     when the pipeline rejected it
 */
public record DeadLetter(
        String sourceTopic,
        int partition,
        long offset,
        byte[] rawValue,
        long rawValueLength,
        String rawValueSha256,
        String reason,
        Problem problem,
        String field,
        Instant rejectedAt) {

    /** The dead letter for a record that was rejected; {@code value} is the whole value (null for a tombstone). */
    public static DeadLetter of(
            String sourceTopic, int partition, long offset, byte[] value, Rejection rejection, Instant rejectedAt) {
        return of(sourceTopic, partition, offset, RawValue.of(value), rejection, rejectedAt);
    }

    /** The dead letter for a record that was rejected, its value already summarised. */
    public static DeadLetter of(
            String sourceTopic, int partition, long offset, RawValue raw, Rejection rejection, Instant rejectedAt) {
        return new DeadLetter(
                sourceTopic,
                partition,
                offset,
                raw.prefix(),
                raw.length(),
                raw.sha256(),
                rejection.reason(),
                rejection.problem(),
                rejection.field(),
                rejectedAt);
    }

    /** Whether {@link #rawValue} is only the start of the value. */
    public boolean rawValueTruncated() {
        return rawValue != null && rawValue.length < rawValueLength;
    }
}
