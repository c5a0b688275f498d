package org.ccpulse.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.ccpulse.schemas.parse.Utf8;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a dead letter keeps of a value: its first 8 KiB, the whole length and the whole SHA-256. */
class RawValueTest {

    @Test
    void aSmallValueIsKeptWhole() throws Exception {
        byte[] value = "{\"event_id\":\"e-1\"".getBytes(StandardCharsets.UTF_8);

        RawValue raw = RawValue.of(value);

        assertThat(raw.prefix()).isEqualTo(value);
        assertThat(raw.length()).isEqualTo(value.length);
        assertThat(raw.sha256()).isEqualTo(sha256(value)).hasSize(64);
        assertThat(raw.truncated()).isFalse();
    }

    @Test
    void aValueOfExactly8KiBIsKeptWholeAndOneByteMoreIsCut() throws Exception {
        byte[] atLimit = ascii(RawValue.PREFIX_BYTES);
        byte[] overLimit = ascii(RawValue.PREFIX_BYTES + 1);

        assertThat(RawValue.of(atLimit).prefix()).isEqualTo(atLimit);
        assertThat(RawValue.of(atLimit).truncated()).isFalse();
        RawValue cut = RawValue.of(overLimit);
        assertThat(cut.prefix()).isEqualTo(Arrays.copyOf(overLimit, RawValue.PREFIX_BYTES));
        assertThat(cut.length()).isEqualTo(RawValue.PREFIX_BYTES + 1);
        assertThat(cut.sha256()).isEqualTo(sha256(overLimit));
        assertThat(cut.truncated()).isTrue();
    }

    @Test
    void aLargeValueKeepsItsFirst8KiBWithTheWholeLengthAndHash() throws Exception {
        byte[] value = ascii(700_000);

        RawValue raw = RawValue.of(value);

        assertThat(raw.prefix()).hasSize(RawValue.PREFIX_BYTES).isEqualTo(Arrays.copyOf(value, RawValue.PREFIX_BYTES));
        assertThat(raw.length()).isEqualTo(700_000);
        assertThat(raw.sha256()).isEqualTo(sha256(value));
    }

    /** The cut falls inside a 2-, 3- or 4-byte character: the prefix ends before it and stays UTF-8. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("multiByteCharacters")
    void aCutNeverSplitsAUtf8Character(String character) {
        int width = character.getBytes(StandardCharsets.UTF_8).length;
        for (int lead = 0; lead < width; lead++) {
            byte[] value =
                    ("x".repeat(lead) + character.repeat(RawValue.PREFIX_BYTES)).getBytes(StandardCharsets.UTF_8);

            byte[] prefix = RawValue.of(value).prefix();

            assertThat(Utf8.isWellFormed(prefix)).as("lead %d", lead).isTrue();
            assertThat(prefix.length).isBetween(RawValue.PREFIX_BYTES - width + 1, RawValue.PREFIX_BYTES);
            assertThat(prefix).isEqualTo(Arrays.copyOf(value, prefix.length));
        }
    }

    static Stream<String> multiByteCharacters() {
        return Stream.of("\u00e9", "\u20ac", "\ud83d\ude00");
    }

    @Test
    void aValueThatIsNotUtf8IsCutAtTheLimit() {
        byte[] value = new byte[RawValue.PREFIX_BYTES * 2];
        Arrays.fill(value, (byte) 0x80); // continuation bytes only

        assertThat(RawValue.of(value).prefix()).hasSize(RawValue.PREFIX_BYTES);
    }

    @Test
    void noValueHasNoPrefixLengthOrHash() {
        assertThat(RawValue.of(null)).isSameAs(RawValue.NONE);
        assertThat(RawValue.NONE.prefix()).isNull();
        assertThat(RawValue.NONE.length()).isZero();
        assertThat(RawValue.NONE.sha256()).isNull();
        assertThat(RawValue.NONE.truncated()).isFalse();
    }

    @Test
    void aValueReadInPiecesGivesWhatTheWholeValueGives() {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 100, RawValue.PREFIX_BYTES, RawValue.PREFIX_BYTES + 1, 50_000}) {
            byte[] value = ("\u00e9\u20ac".repeat(size)).getBytes(StandardCharsets.UTF_8);
            value = Arrays.copyOf(value, size);
            RawValue.Digest digest = new RawValue.Digest();
            int at = 0;
            while (at < value.length) {
                int piece = Math.min(value.length - at, 1 + random.nextInt(3_000));
                digest.update(value, at, piece);
                at += piece;
            }

            RawValue whole = RawValue.of(value);
            RawValue pieces = digest.finish();

            assertThat(pieces.prefix()).as("size %d", size).isEqualTo(whole.prefix());
            assertThat(pieces.length()).isEqualTo(whole.length());
            assertThat(pieces.sha256()).isEqualTo(whole.sha256());
        }
    }

    private static byte[] ascii(int size) {
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
        return value;
    }

    private static String sha256(byte[] value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
    }
}
