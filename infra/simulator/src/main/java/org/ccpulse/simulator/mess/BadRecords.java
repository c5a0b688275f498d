package org.ccpulse.simulator.mess;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.RecordLimits;
import org.ccpulse.schemas.wire.WireInstants;
import org.ccpulse.simulator.output.Defect;

/**
 * Turns a good record into a bad one with exactly one defect, and says which (field, problem)
 * a parser must report. The bad record gets its own event_id so that, wrongly accepted, it
 * would be counted rather than dropped as a duplicate.
 */
final class BadRecords {
    /** A bad record's bytes and the rejection it must get. */
    record Bad(byte[] value, Defect defect) {}

    /** Future timestamps lie this far beyond the parser's horizon, so files stay bad for weeks. */
    static final Duration FUTURE_MARGIN_MIN = Duration.ofDays(30);

    static final Duration FUTURE_MARGIN_MAX = Duration.ofDays(365);

    /** Keeps decimals exact (12.50 stays 12.50) when a record is rewritten. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature());

    private static final List<String> GARBAGE = List.of(
            "<html><body>502 Bad Gateway</body></html>",
            "[{\"event_id\":\"e1\"}]",
            "{event_id: 'e1', type: QUEUED}",
            "\u0000\u0001\u0002binary",
            "null");
    private static final List<String> BAD_INSTANTS =
            List.of("yesterday", "24/11/2026 09:15", "2026-11-24 09:15:02", "1732439702123", "2026-11-24T25:61:00Z");

    private final Clock wallClock;
    private final RandomGenerator rng;
    private final String idPrefix;
    private long count;

    BadRecords(Clock wallClock, RandomGenerator rng, String runId) {
        this.wallClock = wallClock;
        this.rng = rng;
        this.idPrefix = runId + "-x";
    }

    /** Whether {@code problem} can be planted in a record of this shape. */
    static boolean applicable(Problem problem, RecordShape shape) {
        return problem != Problem.NEGATIVE_DURATION || !shape.durations().isEmpty();
    }

    Bad make(Problem problem, byte[] good, RecordShape shape) {
        ObjectNode node = read(good);
        node.put("event_id", idPrefix + Long.toString(count++, 36));
        return switch (problem) {
            case MALFORMED_JSON -> new Bad(malformed(write(node)), new Defect(null, problem));
            case OVERSIZED -> new Bad(oversized(node), new Defect(null, problem));
            case MISSING_FIELD -> missing(node, shape);
            case WRONG_TYPE -> wrongType(node, shape);
            case UNKNOWN_ENUM -> unknownEnum(node, shape);
            case NEGATIVE_DURATION -> negativeDuration(node, shape);
            case FUTURE_TIMESTAMP -> futureTimestamp(node);
            case INVALID_VALUE -> invalidValue(node, shape);
            case LATE -> throw new IllegalArgumentException("LATE is a job's verdict, not a defect a record can carry");
            case TOMBSTONE ->
                throw new IllegalArgumentException(
                        "a tombstone has no value, and the simulator's records all have one");
        };
    }

    /** A truncated record (any proper prefix of an object is invalid) or text that is not one JSON object. */
    private byte[] malformed(byte[] good) {
        if (rng.nextBoolean()) {
            return Arrays.copyOf(good, 1 + rng.nextInt(good.length - 1));
        }
        return GARBAGE.get(rng.nextInt(GARBAGE.size())).getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed record padded with an extra (ignorable) field to just over the size limit. */
    private byte[] oversized(ObjectNode node) {
        int size = write(node).length;
        int pad = RecordLimits.DEFAULT_MAX_RECORD_BYTES - size + 1 + rng.nextInt(4096);
        node.put("padding", "x".repeat(pad));
        return write(node);
    }

    private Bad missing(ObjectNode node, RecordShape shape) {
        String field = pick(shape.required());
        if (rng.nextBoolean()) {
            node.remove(field);
        } else {
            node.putNull(field);
        }
        return bad(node, field, Problem.MISSING_FIELD);
    }

    /** Strings become numbers or booleans; numbers become text or booleans. */
    private Bad wrongType(ObjectNode node, RecordShape shape) {
        String field = pick(shape.required());
        boolean numeric = shape.durations().contains(field) || field.equals("amount");
        switch (rng.nextInt(3)) {
            case 0 -> node.put(field, true);
            case 1 -> node.putArray(field).add(1);
            default -> {
                if (numeric) {
                    node.put(field, "n/a");
                } else {
                    node.put(field, 12345);
                }
            }
        }
        return bad(node, field, Problem.WRONG_TYPE);
    }

    private Bad unknownEnum(ObjectNode node, RecordShape shape) {
        String field = pick(shape.enums().keySet().stream().sorted().toList());
        node.put(field, shape.enums().get(field));
        return bad(node, field, Problem.UNKNOWN_ENUM);
    }

    private Bad negativeDuration(ObjectNode node, RecordShape shape) {
        String field = pick(shape.durations());
        node.put(field, -(1 + rng.nextInt(600)));
        return bad(node, field, Problem.NEGATIVE_DURATION);
    }

    /**
     * Parsers compare with their real clock, so the date is taken from the wall clock: its day
     * plus 30 to 365 days, well beyond the 24 h horizon. (Reading only the day keeps runs with
     * the same seed on the same day byte-identical.)
     */
    private Bad futureTimestamp(ObjectNode node) {
        Instant today = wallClock.instant().truncatedTo(ChronoUnit.DAYS);
        long marginMs = FUTURE_MARGIN_MIN.toMillis()
                + (long) (rng.nextDouble() * (FUTURE_MARGIN_MAX.toMillis() - FUTURE_MARGIN_MIN.toMillis()));
        Instant future = today.plus(RecordLimits.MAX_FUTURE_SKEW).plusMillis(marginMs);
        node.put("ts", WireInstants.format(future));
        return bad(node, "ts", Problem.FUTURE_TIMESTAMP);
    }

    /** An empty id, an unparseable instant, an amount of zero or below, or a cause outside the three groups. */
    private Bad invalidValue(ObjectNode node, RecordShape shape) {
        int choice = rng.nextInt(shape.amount() || shape.cause() ? 3 : 2);
        if (choice == 0) {
            String field = pick(shape.ids());
            node.put(field, "");
            return bad(node, field, Problem.INVALID_VALUE);
        }
        if (choice == 1) {
            String field = pick(shape.instants());
            node.put(field, pick(BAD_INSTANTS));
            return bad(node, field, Problem.INVALID_VALUE);
        }
        if (shape.amount()) {
            node.put("amount", rng.nextBoolean() ? 0 : -(1 + rng.nextInt(500)) / 4.0);
            return bad(node, "amount", Problem.INVALID_VALUE);
        }
        node.put("cause", "vendor.late_shipment");
        return bad(node, "cause", Problem.INVALID_VALUE);
    }

    private Bad bad(ObjectNode node, String field, Problem problem) {
        return new Bad(write(node), new Defect(field, problem));
    }

    private <T> T pick(List<T> items) {
        return items.get(rng.nextInt(items.size()));
    }

    private static ObjectNode read(byte[] good) {
        try {
            return (ObjectNode) JSON.readTree(good);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
