package org.ccpulse.schemas.event;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a dead letter keeps of a record's value, so that no input can make a dead letter too large for
 * Kafka or ClickHouse: the value's first bytes (at most {@link #PREFIX_BYTES}), the whole value's
 * length and its SHA-256. A cut never splits a UTF-8 character: when the byte after the cut continues
 * a character, the prefix ends before that character, so a UTF-8 value keeps a UTF-8 prefix.
 *
 * @param prefix the value's first bytes, all of them when it is no longer than {@link #PREFIX_BYTES};
 *               null for a record without a value (a tombstone). Compared by identity in equals.
 * @param length the whole value's length in bytes; 0 without a value
 * @param sha256 the whole value's SHA-256, 64 lower-case hex digits; null without a value
 */
public record RawValue(byte[] prefix, long length, String sha256) {

    /** At most this many bytes of a value are kept. */
    public static final int PREFIX_BYTES = 8 * 1024;

    /** A record without a value (a Kafka tombstone). */
    public static final RawValue NONE = new RawValue(null, 0, null);

    /** Whether the prefix is less than the whole value. */
    public boolean truncated() {
        return prefix != null && prefix.length < length;
    }

    /** The value's summary; {@code value} may be null (no value). Reads the whole value once, for the hash. */
    public static RawValue of(byte[] value) {
        if (value == null) {
            return NONE;
        }
        byte[] prefix = value.length <= PREFIX_BYTES ? value : Arrays.copyOf(value, cut(value));
        return new RawValue(
                prefix, value.length, HexFormat.of().formatHex(newSha256().digest(value)));
    }

    /**
     * Where to cut a value longer than {@link #PREFIX_BYTES}: there, or up to three bytes earlier when
     * {@code head[PREFIX_BYTES]} continues a UTF-8 character begun before it.
     */
    private static int cut(byte[] head) {
        int cut = PREFIX_BYTES;
        while (cut > PREFIX_BYTES - 3 && isContinuation(head[cut])) {
            cut--;
        }
        return isContinuation(head[cut]) ? PREFIX_BYTES : cut; // not UTF-8 there anyway: cut at the limit
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /**
     * Summarises a value that arrives in pieces and need never be held whole (a line of a file, however
     * long): keeps the first bytes and hashes everything. One per value; not thread-safe.
     */
    public static final class Digest {
        private final MessageDigest sha256 = newSha256();
        private final byte[] head = new byte[PREFIX_BYTES + 1]; // one more, to see where a character starts
        private int headLength;
        private long length;

        public void update(byte[] bytes, int offset, int count) {
            int toHead = Math.min(count, head.length - headLength);
            System.arraycopy(bytes, offset, head, headLength, toHead);
            headLength += toHead;
            sha256.update(bytes, offset, count);
            length += count;
        }

        public long length() {
            return length;
        }

        public RawValue finish() {
            byte[] prefix = Arrays.copyOf(head, length <= PREFIX_BYTES ? headLength : cut(head));
            return new RawValue(prefix, length, HexFormat.of().formatHex(sha256.digest()));
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
