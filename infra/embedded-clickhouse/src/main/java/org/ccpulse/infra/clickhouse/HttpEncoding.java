package org.ccpulse.infra.clickhouse;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** HTTP response compression (enable_http_compression=1): gzip or deflate, whichever the client accepts. */
final class HttpEncoding {

    static final String GZIP = "gzip";
    static final String DEFLATE = "deflate";

    private HttpEncoding() {}

    /** The encoding to use for an Accept-Encoding header, or "" for none (e.g. only br or zstd offered). */
    static String choose(String acceptEncoding) {
        if (acceptEncoding == null) {
            return "";
        }
        Set<String> offered = Arrays.stream(
                        acceptEncoding.toLowerCase(Locale.ROOT).split(","))
                .map(token -> token.split(";")[0].strip())
                .collect(Collectors.toSet());
        if (offered.contains(GZIP)) {
            return GZIP;
        }
        return offered.contains(DEFLATE) ? DEFLATE : "";
    }
}
