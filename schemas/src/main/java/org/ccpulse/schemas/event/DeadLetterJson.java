package org.ccpulse.schemas.event;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ccpulse.schemas.parse.Utf8;

/**
 * The {@code dead-letters} record value (schemas/json/dead-letter.schema.json) for a
 * {@link DeadLetter}. The raw value (at most {@link RawValue#PREFIX_BYTES} of it) goes out as text
 * when it is valid UTF-8 (readable in any consumer), else as base64 so no byte is lost;
 * {@code raw_value_encoding} says which. Whatever the input, the JSON stays below 64 KiB: 8 KiB of
 * text escaped at worst six bytes a byte, a reason whose quoted input is cut at 80 characters.
 */
public final class DeadLetterJson {
    private DeadLetterJson() {}

    public static byte[] toJson(DeadLetter letter) {
        byte[] raw = letter.rawValue();
        boolean text = raw == null || Utf8.isWellFormed(raw);
        return JsonBytes.object(out -> {
            out.writeStringField("source_topic", letter.sourceTopic());
            out.writeNumberField("partition", letter.partition());
            out.writeNumberField("offset", letter.offset());
            if (raw == null) {
                out.writeNullField("raw_value");
                out.writeNullField("raw_value_encoding");
                out.writeNullField("raw_value_length");
                out.writeNullField("raw_value_sha256");
            } else {
                out.writeStringField(
                        "raw_value",
                        text
                                ? new String(raw, StandardCharsets.UTF_8)
                                : Base64.getEncoder().encodeToString(raw));
                out.writeStringField("raw_value_encoding", text ? "utf8" : "base64");
                out.writeNumberField("raw_value_length", letter.rawValueLength());
                out.writeStringField("raw_value_sha256", letter.rawValueSha256());
            }
            out.writeBooleanField("raw_value_truncated", letter.rawValueTruncated());
            out.writeStringField("reason", letter.reason());
            out.writeStringField("problem", letter.problem().name());
            out.writeStringField("field", letter.field());
            out.writeStringField("rejected_at", letter.rejectedAt().toString());
        });
    }
}
