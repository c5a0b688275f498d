package org.ccpulse.dashboards;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a panel's SQL the way Grafana and its ClickHouse plugin do before it reaches ClickHouse:
 * dashboard variables first (frontend; multi-values as {@code 'a','b'}), then the plugin's macros
 * (backend, pkg/macros/macros.go of grafana/clickhouse-datasource 4.x).
 */
final class GrafanaMacros {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(?!__)(\\w+)");
    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)");

    private GrafanaMacros() {}

    /** Variables: each name maps to its selected values. Unknown variables are an error, as Grafana would leave them raw. */
    static String expandVariables(String sql, Map<String, List<String>> variables) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            List<String> values = variables.get(name);
            if (values == null) {
                throw new IllegalArgumentException("unknown dashboard variable $" + name + " in: " + sql);
            }
            String format = m.group(2);
            String text = "raw".equals(format)
                    ? String.join(",", values)
                    : values.stream()
                            .map(v -> "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'")
                            .collect(Collectors.joining(","));
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The plugin's macros for a time range and an interval (seconds). */
    static String expandMacros(String sql, Instant from, Instant to, long intervalSeconds) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        Matcher m = MACRO.matcher(sql);
        while (m.find(pos)) {
            out.append(sql, pos, m.start());
            String name = m.group(1);
            int end = m.end();
            List<String> args = List.of();
            if (end < sql.length() && sql.charAt(end) == '(') {
                int close = matchingParen(sql, end);
                args = splitArgs(sql.substring(end + 1, close));
                end = close + 1;
            }
            out.append(expand(name, args, from, to, Math.max(intervalSeconds, 1)));
            pos = end;
        }
        out.append(sql.substring(pos));
        return out.toString();
    }

    private static String expand(String name, List<String> args, Instant from, Instant to, long interval) {
        return switch (name) {
            case "fromTime" -> dateTime(from);
            case "toTime" -> dateTime(to);
            case "fromTime_ms" -> dateTime64(from);
            case "toTime_ms" -> dateTime64(to);
            case "timeFilter" ->
                one(name, args) + " >= " + dateTime(from) + " AND " + args.get(0) + " <= " + dateTime(to);
            case "timeFilter_ms" ->
                one(name, args) + " >= " + dateTime64(from) + " AND " + args.get(0) + " <= " + dateTime64(to);
            case "dateFilter" -> one(name, args) + " >= " + date(from) + " AND " + args.get(0) + " <= " + date(to);
            case "timeInterval" ->
                "toStartOfInterval(toDateTime(" + one(name, args) + "), INTERVAL " + interval + " second)";
            case "interval_s" -> Long.toString(interval);
            default ->
                throw new IllegalArgumentException("macro $__" + name + " is not one the ClickHouse plugin expands");
        };
    }

    private static String one(String name, List<String> args) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("$__" + name + " expects 1 argument, got " + args.size());
        }
        return args.get(0);
    }

    private static String dateTime(Instant t) {
        return "toDateTime(" + t.getEpochSecond() + ")";
    }

    private static String dateTime64(Instant t) {
        return "fromUnixTimestamp64Milli(" + t.toEpochMilli() + ")";
    }

    private static String date(Instant t) {
        return "toDate('" + t.atOffset(ZoneOffset.UTC).toLocalDate() + "')";
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses after a macro in: " + s);
    }

    private static List<String> splitArgs(String inner) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(inner.substring(start, i).trim());
                start = i + 1;
            }
        }
        args.add(inner.substring(start).trim());
        return args;
    }
}
