package org.ccpulse.schemas.parse;

/**
 * Turns one Kafka record value (UTF-8 JSON) into a typed event or a precise rejection.
 * Implementations are thread-confined or stateless; they never throw on bad input.
 */
public interface RecordParser<T> {
    /** The event, or why not; {@code value} is null for a record without a value (a Kafka tombstone). */
    ParseResult<T> parse(byte[] value);

    /**
     * Values larger than this many bytes are {@link Problem#OVERSIZED}, without being parsed, so a
     * reader may stop holding a value once it is larger ({@link Rejection#oversized}).
     */
    default int maxRecordBytes() {
        return RecordLimits.DEFAULT_MAX_RECORD_BYTES;
    }
}
