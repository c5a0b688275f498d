package org.ccpulse.simulator.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes one NDJSON file per topic ({@code contact-events.ndjson}, {@code tickets.ndjson},
 * {@code orders.ndjson}), one record value per line, and {@code bad-records.ndjson}: for every
 * bad record its topic, 1-based line number, expected field (null for the whole record) and
 * problem. Record values never contain a newline (compact JSON escapes them; the garbage
 * values have none).
 */
public final class FileSink implements RecordSink {
    public static final String MANIFEST = "bad-records.ndjson";
    private static final int BUFFER = 1 << 20;

    private final Map<InputTopic, OutputStream> files = new EnumMap<>(InputTopic.class);
    private final Map<InputTopic, Long> lines = new EnumMap<>(InputTopic.class);
    private final JsonGenerator manifest;

    public FileSink(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (InputTopic t : InputTopic.values()) {
            files.put(t, new BufferedOutputStream(Files.newOutputStream(dir.resolve(t.fileName())), BUFFER));
            lines.put(t, 0L);
        }
        manifest = new JsonFactory()
                .createGenerator(new BufferedOutputStream(Files.newOutputStream(dir.resolve(MANIFEST)), 64 * 1024));
        manifest.setRootValueSeparator(null);
    }

    @Override
    public void accept(ProducedRecord r) throws IOException {
        OutputStream out = files.get(r.topic());
        out.write(r.value());
        out.write('\n');
        long line = lines.merge(r.topic(), 1L, Long::sum);
        if (r.bad()) {
            manifest.writeStartObject();
            manifest.writeStringField("topic", r.topic().defaultName());
            manifest.writeNumberField("line", line);
            manifest.writeStringField("field", r.defect().field());
            manifest.writeStringField("problem", r.defect().problem().name());
            manifest.writeEndObject();
            manifest.writeRaw('\n');
        }
    }

    @Override
    public void close() throws IOException {
        for (OutputStream out : files.values()) {
            out.close();
        }
        manifest.close();
    }
}
