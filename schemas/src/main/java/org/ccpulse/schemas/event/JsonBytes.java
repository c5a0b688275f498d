package org.ccpulse.schemas.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes one JSON object to UTF-8 bytes with Jackson's streaming generator; shared by the output writers. */
final class JsonBytes {
    /** Plain decimals ({@code 1200.50}, never {@code 1.2005E+3}): consumers read money as text too. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    @FunctionalInterface
    interface ObjectBody {
        void writeFields(JsonGenerator out) throws IOException;
    }

    private JsonBytes() {}

    static byte[] object(ObjectBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            body.writeFields(out);
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
