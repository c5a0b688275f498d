package org.ccpulse.infra.clickhouse;

import java.util.Map;
import java.util.stream.Collectors;

/** Quoting for the few statements the server writes itself (USE, SET): names and values from the request. */
final class SqlText {

    private SqlText() {}

    /** A backquoted identifier, e.g. {@code `my db`}. */
    static String identifier(String name) {
        return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    /** A single-quoted string literal; ClickHouse converts it to the setting's type. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /**
     * A query parameter's value as the engine reads it: in TabSeparated's escaped form, so that
     * backslashes, tabs and line breaks of the text arrive unchanged.
     */
    static String escapedParameter(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code SET a = '1', b = 'x'}; names were validated as identifiers by {@link HttpQuery}. */
    static String setStatement(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + " = " + literal(e.getValue()))
                .collect(Collectors.joining(", ", "SET ", ""));
    }
}
