package org.ccpulse.jobs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.event.RawValue;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.Problem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kafka records into intakes: tombstones and records of any size become bounded dead letters. */
class KafkaIntakeDeserializerTest {

    private static final String GOOD = "{\"event_id\":\"e1\",\"contact_id\":\"c1\",\"type\":\"QUEUED\","
            + "\"ts\":\"2026-11-24T09:00:00Z\",\"channel\":\"voice\",\"queue\":\"billing\"}";

    private KafkaIntakeDeserializer<ContactEvent> deserializer;

    @BeforeEach
    void open() {
        deserializer = new KafkaIntakeDeserializer<>(
                () -> new ContactEventParser(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC)),
                new TypeHint<Intake<ContactEvent>>() {}.getTypeInfo());
        deserializer.open(null);
    }

    @Test
    void aGoodRecordIsParsedAndKeepsItsValue() {
        byte[] value = GOOD.getBytes(StandardCharsets.UTF_8);

        Intake<ContactEvent> intake = deserialize(value, 12);

        assertThat(intake.event.eventId()).isEqualTo("e1");
        assertThat(intake.rejected).isNull();
        assertThat(intake.raw).isSameAs(value);
        assertThat(intake.offset).isEqualTo(12);
    }

    @Test
    void aTombstoneIsItsOwnReasonNotAnEmptyValue() {
        DeadLetter letter = deserialize(null, 3).rejected;

        assertThat(letter.problem()).isEqualTo(Problem.TOMBSTONE);
        assertThat(letter.reason()).isEqualTo("record: TOMBSTONE (no value)");
        assertThat(letter.field()).isNull();
        assertThat(letter.rawValue()).isNull();
        assertThat(letter.rawValueLength()).isZero();
        assertThat(letter.rawValueSha256()).isNull();
        assertThat(letter.offset()).isEqualTo(3);

        assertThat(deserialize(new byte[0], 4).rejected.problem()).isEqualTo(Problem.MALFORMED_JSON);
    }

    @Test
    void aRecordLargerThanTheLimitIsOversizedAndItsDeadLetterKeepsOnlyItsStart() throws Exception {
        for (int size : new int[] {700_000, 5_000_000}) {
            byte[] value = new byte[size];
            Arrays.fill(value, (byte) '[');

            Intake<ContactEvent> intake = deserialize(value, 7);

            DeadLetter letter = intake.rejected;
            assertThat(letter.problem()).isEqualTo(Problem.OVERSIZED);
            assertThat(letter.reason()).isEqualTo("record: OVERSIZED (" + size + " bytes > 65536)");
            assertThat(letter.rawValue()).isEqualTo(Arrays.copyOf(value, RawValue.PREFIX_BYTES));
            assertThat(letter.rawValueLength()).isEqualTo(size);
            assertThat(letter.rawValueSha256())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
            assertThat(letter.rawValueTruncated()).isTrue();
            assertThat(intake.raw).as("the whole value does not travel on").isNull();
        }
    }

    private Intake<ContactEvent> deserialize(byte[] value, long offset) {
        List<Intake<ContactEvent>> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>("contact-events", 1, offset, null, value), new Collector<>() {
            @Override
            public void collect(Intake<ContactEvent> record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
