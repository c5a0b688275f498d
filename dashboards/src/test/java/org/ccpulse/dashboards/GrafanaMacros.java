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
 * dashboard variables first (frontend: the plugin's {@code format} quotes the values of a multi-value
 * variable, {@code 'a','b'}, and inserts the value of a single-value variable as it is, so a panel writes
 * {@code '${window}'}), then the plugin's macros (backend, pkg/macros/macros.go of
 * grafana/clickhouse-datasource 4.x).
 */
final class GrafanaMacros {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(?!__)(\\w+)");
    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)");

    private GrafanaMacros() {}

    /** What a variable holds: the values selected, and whether it is a multi-value variable (an array in Grafana). */
    record Selection(List<String> values, boolean multi) {
        static Selection multi(List<String> values) {
            return new Selection(values, true);
        }

        static Selection single(String value) {
            return new Selection(List.of(value), false);
        }
    }

    /** Multi-value variables: each name maps to its selected values. */
    static String expandVariables(String sql, Map<String, List<String>> variables) {
        return expandSelected(
                sql,
                variables.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> Selection.multi(e.getValue()))));
    }

    /** Variables as selected. Unknown variables are an error, as Grafana would leave them raw. */
    static String expandSelected(String sql, Map<String, Selection> variables) {
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            Selection selection = variables.get(name);
            if (selection == null) {
                throw new IllegalArgumentException("unknown dashboard variable $" + name + " in: " + sql);
            }
            List<String> values = selection.values();
            String format = m.group(2);
            String text = "raw".equals(format) || !selection.multi()
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
