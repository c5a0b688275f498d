package org.ccpulse.schemas.parse;

/**
 * Why a record is bad: the offending field (null when the record as a whole is bad, e.g.
 * unparseable JSON or oversized), the rule it broke, and a human-readable detail.
 */
public record Rejection(String field, Problem problem, String detail) {

    /** A record without a value (a Kafka tombstone). */
    public static Rejection tombstone() {
        return new Rejection(null, Problem.TOMBSTONE, "no value");
    }

    /** A value of {@code bytes} bytes, more than {@code maxRecordBytes}: rejected before it is parsed. */
    public static Rejection oversized(long bytes, long maxRecordBytes) {
        return new Rejection(null, Problem.OVERSIZED, bytes + " bytes > " + maxRecordBytes);
    }

    /** The reason text that goes on the dead-letter topic, e.g. {@code "talk_s: NEGATIVE_DURATION (-3.0)"}. */
    public String reason() {
        String where = field == null ? "record" : field;
        return where + ": " + problem + " (" + detail + ")";
    }
}
