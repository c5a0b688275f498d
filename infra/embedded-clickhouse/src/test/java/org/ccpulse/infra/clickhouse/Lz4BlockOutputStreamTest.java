package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.internal.CompressedBlockInputStream;
import com.clickhouse.client.api.internal.CompressedBlockOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/** Our compress=1 framing against the ClickHouse driver's own reader and writer. */
class Lz4BlockOutputStreamTest {

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    @Test
    void driverReadsWhatWeWriteAcrossSeveralBlocksOfIncompressibleData() throws IOException {
        byte[] data = new byte[Lz4BlockOutputStream.BLOCK_SIZE * 2 + 12_345];
        new Random(42).nextBytes(data);

        assertThat(driverDecode(encode(data))).isEqualTo(data);
    }

    @Test
    void framingIsByteIdenticalToTheDriversWriter() throws IOException {
        byte[] data = "contact-events\t42\tvoice\n".repeat(5_000).getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream driver = new ByteArrayOutputStream();
        try (CompressedBlockOutputStream out = new CompressedBlockOutputStream.LZ4OutputStream(
                driver, LZ4.fastCompressor(), Lz4BlockOutputStream.BLOCK_SIZE)) {
            out.write(data);
        }

        assertThat(encode(data)).isEqualTo(driver.toByteArray());
    }

    @Test
    void blockHeaderNamesLz4AndBothSizes() throws IOException {
        byte[] data = "Ok.\n".getBytes(StandardCharsets.US_ASCII);
        byte[] framed = encode(data);

        int header = Lz4BlockOutputStream.CHECKSUM_SIZE;
        assertThat(framed[header]).isEqualTo((byte) 0x82);
        assertThat(littleEndianInt(framed, header + 1)).isEqualTo(framed.length - header);
        assertThat(littleEndianInt(framed, header + 5)).isEqualTo(data.length);
    }

    @Test
    void driverRejectsACorruptedChecksum() throws IOException {
        byte[] framed = encode("SELECT 1".getBytes(StandardCharsets.US_ASCII));
        framed[3] ^= 1;

        assertThatThrownBy(() -> driverDecode(framed)).hasMessageContaining("checksum");
    }

    @Test
    void emptyOutputHasNoBlocks() throws IOException {
        assertThat(encode(new byte[0])).isEmpty();
    }

    private static byte[] encode(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Lz4BlockOutputStream out = new Lz4BlockOutputStream(bytes)) {
            out.write(data, 0, data.length);
        }
        return bytes.toByteArray();
    }

    private static byte[] driverDecode(byte[] framed) throws IOException {
        try (InputStream in =
                new CompressedBlockInputStream(new ByteArrayInputStream(framed), LZ4.fastDecompressor(), 8192)) {
            return in.readAllBytes();
        }
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
