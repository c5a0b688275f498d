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
    static final int SYNTAX_ERROR = 62;
    static final int UNKNOWN_TYPE_OF_QUERY = 78;
    static final int READONLY = 164;
    static final int INTO_OUTFILE_NOT_ALLOWED = 358;
    static final int QUERY_IS_PROHIBITED = 392;
    static final int ACCESS_DENIED = 497;

    /** chDB reports errors as "Code: 60. DB::Exception: ... (UNKNOWN_TABLE)". */
    private static final Pattern CHDB_TEXT = Pattern.compile("(?s)^Code:\\s*(\\d+)\\.\\s*(?:DB::Exception:\\s*)?(.*)$");

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
        // stripped first: a lazy (.*?) before \s*$ is quadratic on a message that quotes long whitespace
        Matcher m = CHDB_TEXT.matcher(chdbText.strip());
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

    /** ClickHouse's words when a user lacks a privilege; {@code detail} says which. */
    static ClickHouseError accessDenied(String user, String detail) {
        return new ClickHouseError(ACCESS_DENIED, user + ": Not enough privileges. " + detail + ". (ACCESS_DENIED)");
    }

    /** A read-only user's write, DDL or control statement. */
    static ClickHouseError readOnly(String user, String detail) {
        return new ClickHouseError(READONLY, user + ": " + detail + ". (READONLY)");
    }

    /** A statement this server does not run for anyone of the user's kind. */
    static ClickHouseError prohibited(String user, String detail) {
        return new ClickHouseError(QUERY_IS_PROHIBITED, user + ": " + detail + ". (QUERY_IS_PROHIBITED)");
    }

    /** As a ClickHouse server answers INTO OUTFILE over HTTP. */
    static ClickHouseError intoOutfileNotAllowed() {
        return new ClickHouseError(INTO_OUTFILE_NOT_ALLOWED, "INTO OUTFILE is not allowed. (INTO_OUTFILE_NOT_ALLOWED)");
    }

    /** As a ClickHouse server answers INSERT ... FROM INFILE over HTTP. */
    static ClickHouseError infileNotAllowed() {
        return new ClickHouseError(
                UNKNOWN_TYPE_OF_QUERY, "Query has infile and was send directly to server. (UNKNOWN_TYPE_OF_QUERY)");
    }

    /** More than one statement in a request, which ClickHouse's HTTP interface does not run either. */
    static ClickHouseError multiStatements(int statements) {
        return new ClickHouseError(
                SYNTAX_ERROR,
                "Syntax error (Multi-statements are not allowed): the request holds " + statements
                        + " statements; send one statement per request. (SYNTAX_ERROR)");
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
