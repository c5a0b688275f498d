package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpEncodingTest {

    @Test
    void prefersGzipThenDeflateAndOtherwiseNone() {
        assertThat(HttpEncoding.choose("br, deflate, gzip;q=0.5")).isEqualTo("gzip");
        assertThat(HttpEncoding.choose("deflate")).isEqualTo("deflate");
        assertThat(HttpEncoding.choose("br, zstd")).isEmpty();
        assertThat(HttpEncoding.choose(null)).isEmpty();
        assertThat(HttpEncoding.choose("x-gzip-not")).isEmpty();
    }
}
