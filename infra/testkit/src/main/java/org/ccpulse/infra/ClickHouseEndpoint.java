package org.ccpulse.infra;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where ClickHouse clients connect: its HTTP interface (what the HTTP client and Grafana use), the same
 * server as a JDBC URL, and the credentials. {@link #toString()} never shows the password.
 */
public record ClickHouseEndpoint(String httpUrl, String jdbcUrl, String user, String password) {

    /** ClickHouse's built-in account, used when only a URL is given. */
    public static final String DEFAULT_USER = "default";

    public ClickHouseEndpoint {
        Objects.requireNonNull(httpUrl, "httpUrl");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * An endpoint from an HTTP(S) URL such as {@code http://localhost:8123}; the JDBC URL is derived from it
     * ({@code jdbc:clickhouse:http://localhost:8123}, a form the ClickHouse JDBC driver accepts).
     *
     * @throws IllegalArgumentException when the URL is not an absolute http/https URL with a host, or carries
     *                                  credentials (they belong in user and password, not in a URL that gets logged)
     */
    public static ClickHouseEndpoint fromHttpUrl(String httpUrl, String user, String password) {
        URI uri = parseHttpUrl(httpUrl);
        String normalized = uri.toString().replaceAll("/+$", "");
        return new ClickHouseEndpoint(normalized, "jdbc:clickhouse:" + normalized, user, password);
    }

    /** The server's {@code /ping} address, answered without credentials by every ClickHouse server. */
    public URI pingUri() {
        return URI.create(httpUrl).resolve("/ping");
    }

    private static URI parseHttpUrl(String text) {
        String expectation = "must be an http(s) URL like http://localhost:8123";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("ClickHouse URL " + expectation + ", got nothing");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "ClickHouse URL " + expectation + ", got '" + text + "': " + e.getMessage(), e);
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!http || uri.getHost() == null) {
            throw new IllegalArgumentException("ClickHouse URL " + expectation + ", got '" + text + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "ClickHouse URL must not contain credentials; give them as user and password instead");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "ClickHouseEndpoint[httpUrl=" + httpUrl + ", jdbcUrl=" + jdbcUrl + ", user=" + user + ", password="
                + (password.isEmpty() ? "(empty)" : "***") + "]";
    }
}
