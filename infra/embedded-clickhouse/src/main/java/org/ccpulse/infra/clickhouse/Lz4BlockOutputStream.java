package org.ccpulse.infra.clickhouse;

import com.clickhouse.data.ClickHouseCityHash;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * ClickHouse's native compressed framing ({@code compress=1}), LZ4 method. Each block is
 * <pre>
 *   16 bytes  CityHash128 (v1.0.2) of the 9-byte header + compressed data, as two little-endian longs
 *    1 byte   method 0x82 (LZ4)
 *    4 bytes  compressed size including this 9-byte header, little-endian
 *    4 bytes  uncompressed size, little-endian
 *    n bytes  LZ4 block
 * </pre>
 * The hash is the driver's own implementation (clickhouse-data). Unlike the driver's output stream,
 * the block buffer is sized by {@link LZ4Compressor#maxCompressedLength}, so incompressible data fits.
 */
final class Lz4BlockOutputStream extends FilterOutputStream {

    static final byte LZ4_METHOD = (byte) 0x82;
    static final int CHECKSUM_SIZE = 16;
    static final int HEADER_SIZE = 9;
    /** ClickHouse's own block size for compressed HTTP output. */
    static final int BLOCK_SIZE = 1 << 20;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();

    private final byte[] pending = new byte[BLOCK_SIZE];
    private final byte[] frame = new byte[CHECKSUM_SIZE + HEADER_SIZE + COMPRESSOR.maxCompressedLength(BLOCK_SIZE)];
    private int pendingLength;

    Lz4BlockOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, BLOCK_SIZE - pendingLength);
            System.arraycopy(b, off, pending, pendingLength, n);
            pendingLength += n;
            off += n;
            len -= n;
            if (pendingLength == BLOCK_SIZE) {
                writeBlock();
            }
        }
    }

    /** Ends the current block (ClickHouse blocks may be of any size up to the limit). */
    @Override
    public void flush() throws IOException {
        if (pendingLength > 0) {
            writeBlock();
        }
        out.flush();
    }

    private void writeBlock() throws IOException {
        int compressed = COMPRESSOR.compress(pending, 0, pendingLength, frame, CHECKSUM_SIZE + HEADER_SIZE);
        frame[CHECKSUM_SIZE] = LZ4_METHOD;
        putIntLE(frame, CHECKSUM_SIZE + 1, HEADER_SIZE + compressed);
        putIntLE(frame, CHECKSUM_SIZE + 5, pendingLength);
        long[] hash = ClickHouseCityHash.cityHash128(frame, CHECKSUM_SIZE, HEADER_SIZE + compressed);
        putLongLE(frame, 0, hash[0]);
        putLongLE(frame, 8, hash[1]);
        out.write(frame, 0, CHECKSUM_SIZE + HEADER_SIZE + compressed);
        pendingLength = 0;
    }

    private static void putIntLE(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putLongLE(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
