package org.ccpulse.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.schemas.parse.Corpus.CLOCK;
import static org.ccpulse.schemas.parse.Verdicts.rejection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules every topic's parser applies the same way: size limit, missing or empty value, reason text. */
class SharedRulesTest {

    static Stream<Arguments> topics() {
        return Stream.of(
                Arguments.of(
                        "contact-events", new ContactEventParser(CLOCK, 300), new ContactEventParser(CLOCK), (Supplier<
                                        ObjectNode>)
                                Corpus::completed),
                Arguments.of("tickets", new TicketParser(CLOCK, 300), new TicketParser(CLOCK), (Supplier<ObjectNode>)
                        Corpus::complaint),
                Arguments.of("orders", new OrderParser(CLOCK, 300), new OrderParser(CLOCK), (Supplier<ObjectNode>)
                        Corpus::purchase));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void aValueOfExactlyTheLimitIsReadAndOneByteMoreIsOversized(
            String topic, RecordParser<?> limited, RecordParser<?> unused, Supplier<ObjectNode> good) {
        byte[] atLimit = padTo(good.get(), 300);
        byte[] overLimit = padTo(good.get(), 301);

        assertThat(limited.parse(atLimit)).isInstanceOf(ParseResult.Accepted.class);
        Rejection rejection = rejection(limited.parse(overLimit));
        assertThat(rejection.problem()).isEqualTo(Problem.OVERSIZED);
        assertThat(rejection.field()).isNull();
        assertThat(rejection.reason()).isEqualTo("record: OVERSIZED (301 bytes > 300)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void theSizeCheckComesBeforeParsing(
            String topic, RecordParser<?> limited, RecordParser<?> unused, Supplier<ObjectNode> good) {
        byte[] garbage = new byte[301];
        java.util.Arrays.fill(garbage, (byte) '{');

        assertThat(rejection(limited.parse(garbage)).problem()).isEqualTo(Problem.OVERSIZED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void theDefaultLimitIs64KiB(
            String topic, RecordParser<?> unused, RecordParser<?> defaults, Supplier<ObjectNode> good) {
        assertThat(defaults.parse(padTo(good.get(), RecordLimits.DEFAULT_MAX_RECORD_BYTES)))
                .isInstanceOf(ParseResult.Accepted.class);
        assertThat(rejection(defaults.parse(padTo(good.get(), RecordLimits.DEFAULT_MAX_RECORD_BYTES + 1)))
                        .problem())
                .isEqualTo(Problem.OVERSIZED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void aRecordWithoutValueIsATombstone(
            String topic, RecordParser<?> unused, RecordParser<?> defaults, Supplier<ObjectNode> good) {
        Rejection rejection = rejection(defaults.parse(null));

        assertThat(rejection.problem()).isEqualTo(Problem.TOMBSTONE);
        assertThat(rejection.field()).isNull();
        assertThat(rejection.reason()).isEqualTo("record: TOMBSTONE (no value)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void anEmptyValueIsMalformed(
            String topic, RecordParser<?> unused, RecordParser<?> defaults, Supplier<ObjectNode> good) {
        Rejection rejection = rejection(defaults.parse(new byte[0]));

        assertThat(rejection.problem()).isEqualTo(Problem.MALFORMED_JSON);
        assertThat(rejection.reason()).isEqualTo("record: MALFORMED_JSON (empty value)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void aParserTellsItsLimit(
            String topic, RecordParser<?> limited, RecordParser<?> defaults, Supplier<ObjectNode> good) {
        assertThat(limited.maxRecordBytes()).isEqualTo(300);
        assertThat(defaults.maxRecordBytes()).isEqualTo(RecordLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void aRecordOfManyMegabytesIsOversizedWithoutBeingRead(
            String topic, RecordParser<?> unused, RecordParser<?> defaults, Supplier<ObjectNode> good) {
        byte[] huge = new byte[5_000_000]; // zeros: not JSON, so a parser that looked inside would say MALFORMED_JSON
        Rejection rejection = rejection(defaults.parse(huge));

        assertThat(rejection.problem()).isEqualTo(Problem.OVERSIZED);
        assertThat(rejection.reason()).isEqualTo("record: OVERSIZED (5000000 bytes > 65536)");
    }

    /** {@code record} with an unknown padding field that brings it to exactly {@code size} bytes. */
    private static byte[] padTo(ObjectNode record, int size) {
        int base = record.put("pad", "").toString().getBytes(StandardCharsets.UTF_8).length;
        byte[] padded = record.put("pad", "x".repeat(size - base)).toString().getBytes(StandardCharsets.UTF_8);
        assertThat(padded).hasSize(size);
        return padded;
    }
}
