package org.ccpulse.jobs.intake;

import java.time.Instant;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.event.RawValue;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.Rejection;

/**
 * One input record as it enters a job: the parsed event, or the dead letter saying why not,
 * with the record's coordinates and, for an event, its raw value kept for a later rejection (e.g.
 * as too late). The raw value travels only to the {@link IntakeRouter}, which runs chained to the
 * source; a rejected record carries only its dead letter, which holds at most
 * {@link RawValue#PREFIX_BYTES} of the value, however large the record was. A Flink POJO.
 */
public class Intake<T> {
    public T event;
    public DeadLetter rejected;
    public String topic;
    public int partition;
    public long offset;
    public byte[] raw;

    public Intake() {}

    /** A parsed record; {@code raw} is its whole value (null for a tombstone). */
    public static <T> Intake<T> of(ParseResult<T> parsed, String topic, int partition, long offset, byte[] raw) {
        if (parsed instanceof ParseResult.Rejected<T> r) {
            return rejected(topic, partition, offset, RawValue.of(raw), r.rejection());
        }
        Intake<T> intake = coordinates(topic, partition, offset);
        intake.event = ((ParseResult.Accepted<T>) parsed).event();
        intake.raw = raw;
        return intake;
    }

    /** A record rejected before or without parsing, its value already summarised. */
    public static <T> Intake<T> rejected(String topic, int partition, long offset, RawValue raw, Rejection rejection) {
        Intake<T> intake = coordinates(topic, partition, offset);
        intake.rejected = DeadLetter.of(topic, partition, offset, raw, rejection, Instant.now());
        return intake;
    }

    private static <T> Intake<T> coordinates(String topic, int partition, long offset) {
        Intake<T> intake = new Intake<>();
        intake.topic = topic;
        intake.partition = partition;
        intake.offset = offset;
        return intake;
    }
}
