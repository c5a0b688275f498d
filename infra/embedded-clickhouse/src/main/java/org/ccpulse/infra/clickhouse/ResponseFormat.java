package org.ccpulse.infra.clickhouse;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which output format a query produces (its own FORMAT clause wins over the request's default) and its Content-Type. */
final class ResponseFormat {

    private static final Pattern TRAILING_FORMAT = Pattern.compile("(?is).*\\bFORMAT\\s+([A-Za-z0-9_]+)\\s*;?\\s*$");
    private static final Pattern INSERT = Pattern.compile("(?is)^\\s*INSERT\\b.*");
    /** Only the tail of the SQL is examined: a SELECT's FORMAT clause comes last. */
    private static final int TAIL = 256;

    private ResponseFormat() {}

    static String of(HttpQuery query) {
        byte[] sql = query.sql();
        String head = new String(sql, 0, Math.min(sql.length, 16), StandardCharsets.UTF_8);
        if (INSERT.matcher(head).matches()) {
            return query.format(); // an INSERT's FORMAT names its input
        }
        String tail =
                new String(sql, Math.max(0, sql.length - TAIL), Math.min(sql.length, TAIL), StandardCharsets.UTF_8);
        Matcher m = TRAILING_FORMAT.matcher(tail);
        return m.matches() ? m.group(1) : query.format();
    }

    static String contentType(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.startsWith("tabseparated") || f.startsWith("tsv")) {
            return "text/tab-separated-values; charset=UTF-8";
        }
        if (f.startsWith("csv")) {
            return "text/csv; charset=UTF-8; header=absent";
        }
        if (f.startsWith("json")) {
            return "application/json; charset=UTF-8";
        }
        if (f.startsWith("rowbinary")
                || f.equals("native")
                || f.startsWith("parquet")
                || f.startsWith("arrow")
                || f.equals("orc")
                || f.equals("avro")) {
            return "application/octet-stream";
        }
        return "text/plain; charset=UTF-8";
    }
}
