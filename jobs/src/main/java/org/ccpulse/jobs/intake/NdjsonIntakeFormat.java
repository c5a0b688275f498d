package org.ccpulse.jobs.intake;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;
import org.ccpulse.schemas.parse.RecordParser;

/**
 * Reads NDJSON files (one record value per line, as the simulator writes them) into
 * {@link Intake}s, so a backfill from files takes the same path as Kafka after the source.
 * A record's coordinates are the topic given, partition 0 and its 1-based line number.
 */
public final class NdjsonIntakeFormat<T> extends SimpleStreamFormat<Intake<T>> {

    private final String topic;
    private final ParserFactory<T> parsers;
    private final TypeInformation<Intake<T>> type;

    public NdjsonIntakeFormat(String topic, ParserFactory<T> parsers, TypeInformation<Intake<T>> type) {
        this.topic = topic;
        this.parsers = parsers;
        this.type = type;
    }

    @Override
    public StreamFormat.Reader<Intake<T>> createReader(Configuration config, FSDataInputStream stream) {
        RecordParser<T> parser = parsers.create();
        InputStream in = new BufferedInputStream(stream, 1 << 16);
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public Intake<T> read() throws IOException {
                byte[] line = readLine(in);
                if (line == null) {
                    return null;
                }
                lineNumber++;
                return Intake.of(parser.parse(line), topic, 0, lineNumber, line);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** The next line's bytes without its '\n' (or "\r\n"); null at the end of the file. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        return n > 0 && bytes[n - 1] == '\r' ? java.util.Arrays.copyOf(bytes, n - 1) : bytes;
    }

    @Override
    public TypeInformation<Intake<T>> getProducedType() {
        return type;
    }
}
