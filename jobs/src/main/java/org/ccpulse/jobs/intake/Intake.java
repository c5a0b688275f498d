package org.ccpulse.jobs.intake;

import java.time.Instant;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.parse.ParseResult;

/**
 * One input record as it enters a job: the parsed event, or the dead letter saying why not,
 * with the record's coordinates and raw value kept for a later rejection (e.g. as too late).
 * The raw value travels only to the {@link IntakeRouter}, which runs chained to the source.
 * A Flink POJO.
 */
public class Intake<T> {
    public T event;
    public DeadLetter rejected;
    public String topic;
    public int partition;
    public long offset;
    public byte[] raw;

    public Intake() {}

    public static <T> Intake<T> of(ParseResult<T> parsed, String topic, int partition, long offset, byte[] raw) {
        Intake<T> intake = new Intake<>();
        intake.topic = topic;
        intake.partition = partition;
        intake.offset = offset;
        intake.raw = raw;
        if (parsed instanceof ParseResult.Accepted<T> accepted) {
            intake.event = accepted.event();
        } else if (parsed instanceof ParseResult.Rejected<T> r) {
            intake.rejected = DeadLetter.of(topic, partition, offset, raw, r.rejection(), Instant.now());
        }
        return intake;
    }
}
