package org.ccpulse.jobs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.DeadLetter;
import org.ccpulse.schemas.event.RawValue;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.RecordLimits;
import org.junit.jupiter.api.Test;

class NdjsonIntakeFormatTest {

    private static final ContactEventParser PARSER =
            new ContactEventParser(Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));

    private static final String GOOD = "{\"event_id\":\"e1\",\"contact_id\":\"c1\",\"type\":\"QUEUED\","
            + "\"ts\":\"2026-11-24T09:00:00Z\",\"channel\":\"voice\",\"queue\":\"billing\"}";

    @Test
    void linesAreSplitOnNewlinesWithCarriageReturnsAndATrailingLineWithoutNewline() throws IOException {
        InputStream in = new ByteArrayInputStream("a\r\n\nb\rc\r\r\nd\r".getBytes(StandardCharsets.UTF_8));
        assertThat(NdjsonIntakeFormat.readLine(in, 100).bytes()).asString().isEqualTo("a");
        assertThat(NdjsonIntakeFormat.readLine(in, 100).bytes()).asString().isEmpty();
        assertThat(NdjsonIntakeFormat.readLine(in, 100).bytes()).asString().isEqualTo("b\rc\r");
        assertThat(NdjsonIntakeFormat.readLine(in, 100).bytes()).asString().isEqualTo("d");
        assertThat(NdjsonIntakeFormat.readLine(in, 100)).isNull();
    }

    @Test
    void aLineOfExactlyTheLimitIsKeptAndALongerOneOnlySummarised() throws Exception {
        byte[] atLimit = "x".repeat(10).getBytes(StandardCharsets.UTF_8);
        byte[] overLimit = "y".repeat(11).getBytes(StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(
                ("x".repeat(10) + "\r\n" + "y".repeat(11) + "\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(NdjsonIntakeFormat.readLine(in, 10).bytes()).isEqualTo(atLimit);
        NdjsonIntakeFormat.Line longer = NdjsonIntakeFormat.readLine(in, 10);
        assertThat(longer.bytes()).isNull();
        assertThat(longer.oversized().length()).isEqualTo(11);
        assertThat(longer.oversized().prefix()).isEqualTo(overLimit);
        assertThat(longer.oversized().sha256()).isEqualTo(sha256(overLimit)); // without the "\r\n"
    }

    /** A 5 MB line among good ones: OVERSIZED, its dead letter bounded, the lines after it read as usual. */
    @Test
    void aHugeLineIsRejectedAsOversizedWithoutHoldingItAndReadingGoesOn() throws Exception {
        byte[] huge = new byte[5_000_000];
        Arrays.fill(huge, (byte) 'z');
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        file.write(huge);
        file.write(("\n" + GOOD.replace("e1", "e2") + "\n").getBytes(StandardCharsets.UTF_8));
        InputStream in = new ByteArrayInputStream(file.toByteArray());

        Intake<ContactEvent> first = next(in, 1);
        Intake<ContactEvent> second = next(in, 2);
        Intake<ContactEvent> third = next(in, 3);

        assertThat(first.event.eventId()).isEqualTo("e1");
        assertThat(third.event.eventId()).isEqualTo("e2");
        assertThat(second.event).isNull();
        assertThat(second.raw).isNull();
        DeadLetter letter = second.rejected;
        assertThat(letter.problem()).isEqualTo(Problem.OVERSIZED);
        assertThat(letter.reason())
                .isEqualTo("record: OVERSIZED (5000000 bytes > " + RecordLimits.DEFAULT_MAX_RECORD_BYTES + ")");
        assertThat(letter.sourceTopic()).isEqualTo("contact-events");
        assertThat(letter.offset()).isEqualTo(2);
        assertThat(letter.rawValue()).hasSize(RawValue.PREFIX_BYTES);
        assertThat(letter.rawValueLength()).isEqualTo(5_000_000);
        assertThat(letter.rawValueSha256()).isEqualTo(sha256(huge));
        assertThat(letter.rawValueTruncated()).isTrue();
        assertThat(NdjsonIntakeFormat.readLine(in, PARSER.maxRecordBytes())).isNull();
    }

    private static Intake<ContactEvent> next(InputStream in, long lineNumber) throws IOException {
        return NdjsonIntakeFormat.intake(
                NdjsonIntakeFormat.readLine(in, PARSER.maxRecordBytes()), PARSER, "contact-events", lineNumber);
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }
}
