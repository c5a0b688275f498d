package org.ccpulse.schemas.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;
import org.ccpulse.schemas.event.WireEnum;
import org.ccpulse.schemas.event.WireNames;

/**
 * Reads one record value, a JSON object, field by field with Jackson's streaming parser and
 * keeps the first problem it finds. Every topic's parser uses it: the parser names its fields
 * (an enum of wire names) and says what each one holds; this class does the JSON, the value
 * types and the rules all topics share. One instance per record; not thread-safe.
 *
 * <p>Which problem is reported when there are several: {@link Problem#TOMBSTONE} for a record
 * without a value, then {@link Problem#OVERSIZED} (the value is not even looked at), then {@link Problem#MALFORMED_JSON} (a record that is not one
 * JSON object has no trustworthy fields, so the whole value is read to the end even after a
 * field problem), then the first field problem in document order, then the first missing
 * required field in the order the parser checks them.
 *
 * @param <F> the topic's field enum; {@link WireEnum#wire()} is the JSON name
 */
final class RecordReader<F extends Enum<F> & WireEnum> {
    /** Thread-safe and costly to build, so one for the whole JVM. */
    private static final JsonFactory JSON = new JsonFactory();

    private static final int MAX_QUOTED_CHARS = 80;

    /** The field reading step a parser supplies: reads the current value with one of the typed readers. */
    @FunctionalInterface
    interface FieldHandler<F> {
        void read(F field) throws IOException;
    }

    private final WireNames<F> fieldNames;
    private final Instant now;
    private final Instant latestAllowed;
    private JsonParser json; // null once the value is fully read or found unreadable
    private Rejection problem;
    private long seenFields; // bit per field ordinal, to catch a field given twice

    private RecordReader(WireNames<F> fieldNames, Instant now) {
        this.fieldNames = fieldNames;
        this.now = now;
        this.latestAllowed = now.plus(RecordLimits.MAX_FUTURE_SKEW);
    }

    /** Starts reading {@code value}; a value that cannot be read at all is rejected here already. */
    static <F extends Enum<F> & WireEnum> RecordReader<F> open(
            byte[] value, WireNames<F> fieldNames, Clock clock, int maxRecordBytes) {
        RecordReader<F> reader = new RecordReader<>(fieldNames, clock.instant());
        if (value == null) {
            reader.problem = Rejection.tombstone();
        } else if (value.length == 0) {
            reader.problem = new Rejection(null, Problem.MALFORMED_JSON, "empty value");
        } else if (value.length > maxRecordBytes) {
            reader.problem = Rejection.oversized(value.length, maxRecordBytes);
        } else if (!Utf8.isWellFormed(value)) {
            reader.problem = new Rejection(null, Problem.MALFORMED_JSON, "not valid UTF-8");
        } else {
            reader.start(value);
        }
        return reader;
    }

    private void start(byte[] value) {
        try {
            json = JSON.createParser(value);
            JsonToken first = json.nextToken();
            if (first != JsonToken.START_OBJECT) {
                malformed(first == null ? "no JSON value" : "not a JSON object but " + describe(first));
            }
        } catch (IOException e) {
            malformed(e);
        }
    }

    /**
     * Hands every known field to {@code handler}, positioned on its value, and skips unknown
     * ones (whatever their shape). Ends by checking nothing follows the object.
     */
    void readFields(FieldHandler<F> handler) {
        try {
            while (json != null) {
                JsonToken token = json.nextToken();
                if (token == JsonToken.END_OBJECT) {
                    expectEndOfValue();
                    return;
                }
                // inside an object the token here is always FIELD_NAME
                F field = fieldNames.lookup(json.currentName());
                json.nextToken();
                if (field == null) {
                    json.skipChildren();
                } else if (firstSighting(field)) {
                    handler.read(field);
                } else {
                    reject(field, Problem.MALFORMED_JSON, "field appears more than once");
                    json.skipChildren();
                }
            }
        } catch (IOException e) {
            malformed(e);
        }
    }

    private boolean firstSighting(F field) {
        long bit = 1L << field.ordinal();
        boolean first = (seenFields & bit) == 0;
        seenFields |= bit;
        return first;
    }

    private void expectEndOfValue() throws IOException {
        JsonToken trailing = json.nextToken();
        if (trailing != null) {
            malformed("content after the JSON object: " + describe(trailing));
        } else {
            close();
        }
    }

    // ---- typed readers: each reads the current value; JSON null means absent and gives null ----

    /** A non-empty string. */
    String text(F field) throws IOException {
        String value = string(field);
        if (value != null && value.isEmpty()) {
            reject(field, Problem.INVALID_VALUE, "empty string");
            return null;
        }
        return value;
    }

    /** One of the wire spellings of {@code type}, case-sensitive. */
    <E extends Enum<E> & WireEnum> E wireEnum(F field, Class<E> type, Function<String, E> fromWire) throws IOException {
        String value = string(field);
        if (value == null) {
            return null;
        }
        E constant = fromWire.apply(value);
        if (constant == null) {
            reject(
                    field,
                    Problem.UNKNOWN_ENUM,
                    quote(value) + " is not one of "
                            + Arrays.toString(Arrays.stream(type.getEnumConstants())
                                    .map(WireEnum::wire)
                                    .toArray()));
        }
        return constant;
    }

    /** An ISO-8601 instant with offset, not further ahead of the clock than {@link RecordLimits#MAX_FUTURE_SKEW}. */
    Instant instant(F field) throws IOException {
        Instant instant = deadline(field);
        if (instant != null && instant.isAfter(latestAllowed)) {
            reject(
                    field,
                    Problem.FUTURE_TIMESTAMP,
                    instant + " is more than " + RecordLimits.MAX_FUTURE_SKEW + " after " + now);
            return null;
        }
        return instant;
    }

    /**
     * An ISO-8601 instant with offset that is a deadline, not an event time: it may lie any time
     * ahead (a ticket's {@code due_at}), so the future rule does not apply to it.
     */
    Instant deadline(F field) throws IOException {
        String value = string(field);
        if (value == null) {
            return null;
        }
        try {
            return IsoInstant.parse(value);
        } catch (DateTimeException e) {
            reject(field, Problem.INVALID_VALUE, "not an ISO-8601 instant with offset: " + quote(value));
            return null;
        }
    }

    /** A number of seconds, at least zero. */
    Double duration(F field) throws IOException {
        if (!isNumber(field)) {
            return null;
        }
        double seconds = json.getDoubleValue();
        if (!Double.isFinite(seconds)) {
            reject(field, Problem.INVALID_VALUE, "out of range: " + json.getText());
            return null;
        }
        if (seconds < 0) {
            reject(field, Problem.NEGATIVE_DURATION, json.getText());
            return null;
        }
        return seconds;
    }

    /** A JSON number above zero, read exactly (no detour through double). */
    BigDecimal positiveDecimal(F field) throws IOException {
        if (!isNumber(field)) {
            return null;
        }
        BigDecimal value = json.getDecimalValue();
        if (value.signum() <= 0) {
            reject(field, Problem.INVALID_VALUE, "must be > 0: " + json.getText());
            return null;
        }
        return value;
    }

    private String string(F field) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            wrongType(field, "string", token);
        }
        return null;
    }

    private boolean isNumber(F field) throws IOException {
        JsonToken token = json.currentToken();
        if (token.isNumeric()) {
            return true;
        }
        if (token != JsonToken.VALUE_NULL) {
            wrongType(field, "number", token);
        }
        return false;
    }

    private void wrongType(F field, String expected, JsonToken actual) throws IOException {
        reject(field, Problem.WRONG_TYPE, "expected " + expected + ", got " + describe(actual));
        json.skipChildren();
    }

    // ---- checks after the fields ----

    /** Records {@link Problem#MISSING_FIELD} when {@code value} is null; {@code rule} says why it is required. */
    void require(F field, Object value, String rule) {
        if (value == null) {
            reject(field, Problem.MISSING_FIELD, rule);
        }
    }

    /** Records {@link Problem#NEGATIVE_DURATION} for a duration derived from two fields (a wait). */
    void negativeDuration(F field, String detail) {
        reject(field, Problem.NEGATIVE_DURATION, detail);
    }

    /** Records {@link Problem#INVALID_VALUE} for a format rule of one topic. */
    void invalid(F field, String detail) {
        reject(field, Problem.INVALID_VALUE, detail);
    }

    /** The event {@code build} makes when no problem was found, else the first problem. */
    <T> ParseResult<T> result(Supplier<T> build) {
        return problem == null ? new ParseResult.Accepted<>(build.get()) : new ParseResult.Rejected<>(problem);
    }

    private void reject(F field, Problem kind, String detail) {
        if (problem == null) {
            problem = new Rejection(field.wire(), kind, detail);
        }
    }

    private void malformed(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        malformed(truncate(String.valueOf(message)));
    }

    /** Overrides any field problem: see the class comment. */
    private void malformed(String detail) {
        problem = new Rejection(null, Problem.MALFORMED_JSON, detail);
        close();
    }

    private void close() {
        if (json == null) {
            return;
        }
        try {
            json.close(); // hands the parser's buffers back to Jackson's pool
        } catch (IOException ignored) {
            // reading from a byte array: nothing to release that could fail
        }
        json = null;
    }

    static String quote(String value) {
        return '"' + truncate(value) + '"';
    }

    private static String truncate(String text) {
        return text.length() <= MAX_QUOTED_CHARS ? text : text.substring(0, MAX_QUOTED_CHARS) + "...";
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
