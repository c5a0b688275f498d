package org.ccpulse.infra.clickhouse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One query request of ClickHouse's HTTP interface, decoded from URL parameters, headers and body.
 * Parameters are sorted into: HTTP-interface controls (fields of this record), query parameters
 * ({@code param_<name>}, bound to {@code {name:Type}} placeholders), and everything else, which are
 * ClickHouse settings for this one query.
 */
public record HttpQuery(
        byte[] sql,
        String format,
        Optional<String> database,
        Credentials credentials,
        Optional<String> queryId,
        boolean compressResponse,
        boolean httpCompression,
        Map<String, String> settings,
        Map<String, String> parameters) {

    public static final String DEFAULT_FORMAT = "TabSeparated";

    /** User name and password, as any of the three ways ClickHouse accepts supplied them. */
    public record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + "]";
        }
    }

    /** Parameters the HTTP handler itself consumes; they are not settings. */
    private static final Set<String> HTTP_CONTROLS = Set.of(
            "query",
            "compress",
            "decompress",
            "user",
            "password",
            "quota_key",
            "query_id",
            "stacktrace",
            "role",
            "database",
            "default_format",
            "session_id",
            "session_timeout",
            "session_check",
            "close_session",
            "client_protocol_version",
            "buffer_size",
            "wait_end_of_query",
            "enable_http_compression",
            "send_progress_in_http_headers",
            "extremes_in_headers");

    private static final String PARAMETER_PREFIX = "param_";
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * @param rawQueryString the URI's raw (still percent-encoded) query string, may be null
     * @param header         request header by name (case-insensitive), null when absent
     * @param body           request body, already decompressed
     */
    public static HttpQuery parse(String rawQueryString, Function<String, String> header, byte[] body) {
        Map<String, String> url = decodeQueryString(rawQueryString);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : url.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(PARAMETER_PREFIX)) {
                parameters.put(name.substring(PARAMETER_PREFIX.length()), e.getValue());
            } else if (!HTTP_CONTROLS.contains(name) && !name.startsWith("http_")) {
                if (!SETTING_NAME.matcher(name).matches()) {
                    throw new ClickHouseException(ClickHouseError.badArguments("Invalid setting name '" + name + "'."));
                }
                settings.put(name, e.getValue());
            }
        }
        String format = firstPresent(url.get("default_format"), header.apply("X-ClickHouse-Format"), DEFAULT_FORMAT);
        Optional<String> database =
                Optional.ofNullable(firstPresent(url.get("database"), header.apply("X-ClickHouse-Database"), null));
        return new HttpQuery(
                sqlText(url.get("query"), body),
                format,
                database,
                credentials(url, header),
                Optional.ofNullable(firstPresent(url.get("query_id"), header.apply("X-ClickHouse-Query-Id"), null)),
                isOn(url.get("compress")),
                isOn(url.get("enable_http_compression")),
                Map.copyOf(settings),
                Map.copyOf(parameters));
    }

    /** decompress=1: the body is in ClickHouse's compressed block framing (known before the body is read). */
    static boolean wantsDecompression(String rawQueryString) {
        return isOn(decodeQueryString(rawQueryString).get("decompress"));
    }

    /** As ClickHouse: the {@code query} parameter, then a newline, then the body (e.g. INSERT data). */
    static byte[] sqlText(String queryParameter, byte[] body) {
        if (queryParameter == null || queryParameter.isEmpty()) {
            return body;
        }
        byte[] head = queryParameter.getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            return head;
        }
        byte[] sql = new byte[head.length + 1 + body.length];
        System.arraycopy(head, 0, sql, 0, head.length);
        sql[head.length] = '\n';
        System.arraycopy(body, 0, sql, head.length + 1, body.length);
        return sql;
    }

    /** Basic auth, else X-ClickHouse-User/Key headers, else user/password URL parameters; default user otherwise. */
    static Credentials credentials(Map<String, String> url, Function<String, String> header) {
        String authorization = header.apply("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? new Credentials(decoded, "")
                    : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        String user = firstPresent(header.apply("X-ClickHouse-User"), url.get("user"), "default");
        String password = firstPresent(header.apply("X-ClickHouse-Key"), url.get("password"), "");
        return new Credentials(user, password);
    }

    static Map<String, String> decodeQueryString(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static boolean isOn(String flag) {
        return flag != null && (flag.equals("1") || flag.equalsIgnoreCase("true"));
    }

    private static String firstPresent(String first, String second, String fallback) {
        if (first != null && !first.isEmpty()) {
            return first;
        }
        return second != null && !second.isEmpty() ? second : fallback;
    }
}
