package org.ccpulse.schemas.parse;

import java.time.Duration;

/** Limits every parser enforces; the simulator uses the same numbers to make bad records. */
public final class RecordLimits {
    /** A record value above this many bytes is {@link Problem#OVERSIZED}. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024;
    /** A timestamp further than this ahead of the parser's clock is {@link Problem#FUTURE_TIMESTAMP}. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofHours(24);

    private RecordLimits() {}
}
