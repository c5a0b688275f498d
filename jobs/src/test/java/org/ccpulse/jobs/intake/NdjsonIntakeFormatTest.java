package org.ccpulse.jobs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NdjsonIntakeFormatTest {

    @Test
    void linesAreSplitOnNewlinesWithCarriageReturnsAndATrailingLineWithoutNewline() throws IOException {
        InputStream in = new ByteArrayInputStream("a\r\n\nbc\nd".getBytes(StandardCharsets.UTF_8));
        assertThat(NdjsonIntakeFormat.readLine(in)).asString().isEqualTo("a");
        assertThat(NdjsonIntakeFormat.readLine(in)).asString().isEmpty();
        assertThat(NdjsonIntakeFormat.readLine(in)).asString().isEqualTo("bc");
        assertThat(NdjsonIntakeFormat.readLine(in)).asString().isEqualTo("d");
        assertThat(NdjsonIntakeFormat.readLine(in)).isNull();
    }
}
