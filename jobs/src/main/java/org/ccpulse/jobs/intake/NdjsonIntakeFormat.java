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
import org.ccpulse.schemas.event.RawValue;
import org.ccpulse.schemas.parse.RecordParser;
import org.ccpulse.schemas.parse.Rejection;

/**
 * Reads NDJSON files (one record value per line, as the simulator writes them) into
 * {@link Intake}s, so a backfill from files takes the same path as Kafka after the source.
 * A record's coordinates are the topic given, partition 0 and its 1-based line number.
 * A line longer than the parser's limit is never held whole (a file may hold a line of any
 * length): it is read on, hashed and counted, and rejected as OVERSIZED like a large Kafka record.
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
                Line line = readLine(in, parser.maxRecordBytes());
                if (line == null) {
                    return null;
                }
                lineNumber++;
                return intake(line, parser, topic, lineNumber);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /** The intake of one line: parsed, or rejected as OVERSIZED when it was too long to keep. */
    static <T> Intake<T> intake(Line line, RecordParser<T> parser, String topic, long lineNumber) {
        if (line.oversized() != null) {
            return Intake.rejected(
                    topic,
                    0,
                    lineNumber,
                    line.oversized(),
                    Rejection.oversized(line.oversized().length(), parser.maxRecordBytes()));
        }
        return Intake.of(parser.parse(line.bytes()), topic, 0, lineNumber, line.bytes());
    }

    /**
     * One line without its '\n' (or "\r\n"): its bytes when it has at most the limit, else only what a
     * dead letter keeps of it.
     */
    record Line(byte[] bytes, RawValue oversized) {}

    /** The next line; null at the end of the file. A line of more than {@code limit} bytes is not kept whole. */
    static Line readLine(InputStream in, int limit) throws IOException {
        LineBuffer line = new LineBuffer(limit);
        boolean any = false;
        boolean pendingCr = false; // a '\r' belongs to the line unless the line ends right after it
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            any = true;
            if (pendingCr) {
                line.append('\r');
            }
            pendingCr = b == '\r';
            if (!pendingCr) {
                line.append(b);
            }
        }
        if (b == -1 && !any) {
            return null;
        }
        return line.end();
    }

    /** The bytes of a line up to the limit; past it only a {@link RawValue.Digest} of them. */
    private static final class LineBuffer {
        private final int limit;
        private final byte[] one = new byte[1];
        private ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        private RawValue.Digest digest;

        LineBuffer(int limit) {
            this.limit = limit;
        }

        void append(int b) {
            if (digest != null) {
                one[0] = (byte) b;
                digest.update(one, 0, 1);
                return;
            }
            bytes.write(b);
            if (bytes.size() > limit) {
                digest = new RawValue.Digest();
                byte[] head = bytes.toByteArray();
                digest.update(head, 0, head.length);
                bytes = null;
            }
        }

        Line end() {
            return digest != null ? new Line(null, digest.finish()) : new Line(bytes.toByteArray(), null);
        }
    }

    @Override
    public TypeInformation<Intake<T>> getProducedType() {
        return type;
    }
}
