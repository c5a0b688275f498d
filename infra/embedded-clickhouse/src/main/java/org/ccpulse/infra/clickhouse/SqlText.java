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

    /** {@code SET a = '1', b = 'x'}; names were validated as identifiers by {@link HttpQuery}. */
    static String setStatement(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + " = " + literal(e.getValue()))
                .collect(Collectors.joining(", ", "SET ", ""));
    }
}
