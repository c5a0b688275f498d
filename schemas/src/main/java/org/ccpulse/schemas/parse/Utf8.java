package org.ccpulse.schemas.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Whether bytes are well-formed UTF-8 (no overlong forms, no surrogates, no truncated sequences). */
public final class Utf8 {
    private Utf8() {}

    public static boolean isWellFormed(byte[] bytes) {
        // Nearly every record is plain ASCII: a tight loop settles those without the decoder.
        for (byte b : bytes) {
            if (b < 0) {
                return decodesStrictly(bytes);
            }
        }
        return true;
    }

    private static boolean decodesStrictly(byte[] bytes) {
        try {
            // a fresh decoder reports malformed input by default
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
