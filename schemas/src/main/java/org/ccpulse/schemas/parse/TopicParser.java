package org.ccpulse.schemas.parse;

import java.io.IOException;
import java.time.Clock;
import org.ccpulse.schemas.event.WireEnum;
import org.ccpulse.schemas.event.WireNames;

/**
 * The parse steps every topic shares: open the value, hand each known field to a fresh
 * {@link Draft}, check required fields, build the event. A topic supplies only its field enum
 * and its draft. Stateless and thread-safe.
 *
 * @param <F> the topic's fields; the JSON name of a constant is its name in lower case
 * @param <T> the event type
 */
abstract class TopicParser<F extends Enum<F> & WireEnum, T> implements RecordParser<T> {

    /** The values read so far from one record of the topic. */
    interface Draft<F extends Enum<F> & WireEnum, T> {
        /** Reads {@code field}'s current value with one of {@code in}'s typed readers. */
        void read(RecordReader<F> in, F field) throws IOException;

        /** Records the first required field that is missing, after all fields were read. */
        void checkRequired(RecordReader<F> in);

        /** The event; called only when no problem was found. */
        T toEvent();
    }

    private final WireNames<F> fieldNames;
    private final Clock clock;
    private final int maxRecordBytes;

    TopicParser(Class<F> fields, Clock clock, int maxRecordBytes) {
        this.fieldNames = new WireNames<>(fields);
        this.clock = clock;
        this.maxRecordBytes = maxRecordBytes;
    }

    abstract Draft<F, T> newDraft();

    @Override
    public final int maxRecordBytes() {
        return maxRecordBytes;
    }

    @Override
    public final ParseResult<T> parse(byte[] value) {
        RecordReader<F> in = RecordReader.open(value, fieldNames, clock, maxRecordBytes);
        Draft<F, T> draft = newDraft();
        in.readFields(field -> draft.read(in, field));
        draft.checkRequired(in);
        return in.result(draft::toEvent);
    }
}
