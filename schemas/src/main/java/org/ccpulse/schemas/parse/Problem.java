package org.ccpulse.schemas.parse;

/** Why a record was rejected: each rule of EVENTS.md maps to exactly one problem. */
public enum Problem {
    /** The value is not one JSON object (syntax error, not UTF-8, array, empty). */
    MALFORMED_JSON,
    /** The value is larger than the configured maximum size ({@link RecordLimits}); it is not parsed. */
    OVERSIZED,
    /** A field that is required (always, or for this {@code type}/category) is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (e.g. number where a string is expected). */
    WRONG_TYPE,
    /** A string is not one of the enum values EVENTS.md lists. */
    UNKNOWN_ENUM,
    /** A duration ({@code talk_s}, {@code hold_s}, {@code wrap_s}) is below zero. */
    NEGATIVE_DURATION,
    /** A timestamp lies more than 24 h after the parser's clock. */
    FUTURE_TIMESTAMP,
    /** A value of the right type breaks a format or range rule (unparseable instant, amount <= 0, empty id, ...). */
    INVALID_VALUE,
    /**
     * The event is valid but older than a job's allowed lateness, so every figure it belongs to is
     * final. Set by jobs when they route it to the dead letters, never by parsers.
     */
    LATE,
    /**
     * The record has no value at all (a Kafka tombstone, value {@code null}), which is not the same as an
     * empty value ({@link #MALFORMED_JSON}). Declared last so the other problems keep their ordinals.
     */
    TOMBSTONE;

    /**
     * The problems a record's value can break: every one but {@link #LATE}, which only a job can tell,
     * and {@link #TOMBSTONE}, a record without a value (the parsers report it, but there is no value
     * to break a rule, and an NDJSON file cannot even hold one). The simulator plants these.
     */
    public static java.util.List<Problem> parserRules() {
        return java.util.Arrays.stream(values())
                .filter(p -> p != LATE && p != TOMBSTONE)
                .toList();
    }
}
