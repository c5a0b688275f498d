package org.ccpulse.schemas.parse;

/**
 * Turns one Kafka record value (UTF-8 JSON) into a typed event or a precise rejection.
 * Implementations are thread-confined or stateless; they never throw on bad input.
 */
public interface RecordParser<T> {
    ParseResult<T> parse(byte[] value);
}
