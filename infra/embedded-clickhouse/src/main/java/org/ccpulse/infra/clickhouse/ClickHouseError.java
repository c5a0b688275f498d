package org.ccpulse.infra.clickhouse;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse exception as the HTTP interface reports it: code, message, and the body text
 * {@code Code: N. DB::Exception: <message> (NAME) (version V)} that drivers parse.
 */
public record ClickHouseError(int code, String message) {

    static final int UNKNOWN_EXCEPTION = 1002;
    static final int BAD_ARGUMENTS = 36;
    static final int AUTHENTICATION_FAILED = 516;

    /** chDB reports errors as "Code: 60. DB::Exception: ... (UNKNOWN_TABLE)". */
    private static final Pattern CHDB_TEXT =
            Pattern.compile("(?s)^\\s*Code:\\s*(\\d+)\\.\\s*(?:DB::Exception:\\s*)?(.*?)\\s*$");

    private static final Pattern TRAILING_NAME = Pattern.compile("\\(([A-Z][A-Z0-9_]*)\\)\\s*$");

    private static final Set<String> CLIENT_ERRORS = Set.of(
            "SYNTAX_ERROR",
            "BAD_ARGUMENTS",
            "UNKNOWN_SETTING",
            "TYPE_MISMATCH",
            "ILLEGAL_TYPE_OF_ARGUMENT",
            "NUMBER_OF_ARGUMENTS_DOESNT_MATCH",
            "UNKNOWN_FORMAT",
            "UNKNOWN_QUERY_PARAMETER",
            "BAD_QUERY_PARAMETER",
            "INCORRECT_DATA",
            "INCORRECT_QUERY",
            "EMPTY_QUERY",
            "INCORRECT_NUMBER_OF_COLUMNS",
            "NO_SUCH_COLUMN_IN_TABLE",
            "THERE_IS_NO_COLUMN",
            "DUPLICATE_COLUMN",
            "UNKNOWN_TYPE",
            "ILLEGAL_COLUMN");
    private static final Set<String> NOT_FOUND = Set.of(
            "UNKNOWN_TABLE",
            "UNKNOWN_DATABASE",
            "UNKNOWN_FUNCTION",
            "UNKNOWN_IDENTIFIER",
            "UNKNOWN_AGGREGATE_FUNCTION");

    /** Parses chDB's error text; text without a code becomes UNKNOWN_EXCEPTION (1002) as in ClickHouse. */
    public static ClickHouseError parse(String chdbText) {
        Matcher m = CHDB_TEXT.matcher(chdbText);
        if (m.matches()) {
            return new ClickHouseError(Integer.parseInt(m.group(1)), m.group(2));
        }
        return new ClickHouseError(UNKNOWN_EXCEPTION, chdbText.strip() + " (UNKNOWN_EXCEPTION)");
    }

    static ClickHouseError authenticationFailed(String user) {
        return new ClickHouseError(
                AUTHENTICATION_FAILED,
                user + ": Authentication failed: password is incorrect, "
                        + "or there is no user with such name. (AUTHENTICATION_FAILED)");
    }

    static ClickHouseError badArguments(String detail) {
        return new ClickHouseError(BAD_ARGUMENTS, detail + " (BAD_ARGUMENTS)");
    }

    /** The error's symbolic name, e.g. UNKNOWN_TABLE, or empty if the message carries none. */
    public String name() {
        Matcher m = TRAILING_NAME.matcher(message);
        return m.find() ? m.group(1) : "";
    }

    /** Body of the HTTP error response, exactly as a ClickHouse server words it. */
    public String httpBody(String serverVersion) {
        return "Code: " + code + ". DB::Exception: " + message + " (version " + serverVersion + ")\n";
    }

    /** HTTP status ClickHouse's HTTP handler uses for this error. */
    public int httpStatus() {
        String name = name();
        if (code == AUTHENTICATION_FAILED
                || name.equals("UNKNOWN_USER")
                || name.equals("WRONG_PASSWORD")
                || name.equals("REQUIRED_PASSWORD")) {
            return 401;
        }
        if (name.equals("ACCESS_DENIED") || name.equals("READONLY")) {
            return 403;
        }
        if (CLIENT_ERRORS.contains(name) || name.startsWith("CANNOT_PARSE")) {
            return 400;
        }
        if (NOT_FOUND.contains(name)) {
            return 404;
        }
        return 500;
    }
}
