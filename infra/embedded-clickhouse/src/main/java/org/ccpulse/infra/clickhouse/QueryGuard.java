package org.ccpulse.infra.clickhouse;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a caller may run, decided on ClickHouse's own analysis of the statement: its class from
 * chDB's classifier ({@code chdb_classify_query_n}) and its syntax tree ({@code EXPLAIN AST}), never
 * on the SQL text. It complements what the engine enforces itself (the role's grants,
 * {@code readonly = 2}, settings constraints) with what chDB cannot enforce: in chDB every query runs
 * in clickhouse-local mode, where the function {@code file()} checks no grant, and {@code INTO
 * OUTFILE} and {@code FROM INFILE} are carried out by the embedded client on the server's host.
 *
 * <ul>
 *   <li>everyone: no {@code INTO OUTFILE} / {@code FROM INFILE}; no function that reads the host's
 *       files ({@code file}, {@code catboostEvaluate});
 *   <li>full users: no session or server control statement other than {@code SET} and {@code USE}
 *       (SYSTEM, KILL, BACKUP, ATTACH/DETACH, temporary tables, SET ROLE, EXECUTE AS, INSERT INTO
 *       FUNCTION ... are refused);
 *   <li>read-only users: one read statement (SELECT, SHOW TABLES/DATABASES, DESCRIBE, EXISTS, SHOW
 *       CREATE, EXPLAIN) that reads only their database, the system tables Grafana's plugin reads,
 *       and the table functions that read nothing ({@code numbers}, {@code zeros}, {@code values},
 *       {@code generate_series}); or a {@code SET} of settings, which {@code readonly = 2} and the
 *       constraints bound.
 * </ul>
 */
final class QueryGuard {

    /** chdb_query_class, in its ABI order. */
    enum QueryClass {
        READ_ONLY,
        MUTATING,
        MUTATING_GLOBAL,
        CONTROL,
        UNKNOWN;

        static QueryClass of(int abiValue) {
            return abiValue >= 0 && abiValue < values().length ? values()[abiValue] : UNKNOWN;
        }
    }

    /** Functions that read files of the server's host; in clickhouse-local mode they check no grant. */
    static final Set<String> HOST_FILE_FUNCTIONS = Set.of("file", "catboostEvaluate");

    /** System tables a read-only user may read: what Grafana's ClickHouse plugin reads, and system.one. */
    static final Set<String> READ_ONLY_SYSTEM_TABLES =
            Set.of("system.one", "system.databases", "system.tables", "system.columns", "system.functions");

    /** Table functions a read-only user may use: they generate rows and read nothing. */
    static final Set<String> READ_ONLY_TABLE_FUNCTIONS =
            Set.of("numbers", "numbers_mt", "zeros", "zeros_mt", "values", "generate_series", "generateSeries");

    /** Statement kinds (the root of the tree) a read-only user may run. */
    private static final Set<String> READ_ONLY_STATEMENTS = Set.of(
            "SelectWithUnionQuery",
            "SelectIntersectExceptQuery",
            "ShowTables", // SHOW TABLES, SHOW DATABASES, SHOW SETTINGS ...
            "ShowColumns",
            "DescribeQuery",
            "Explain");

    /** Control statements a full user may run: they only change the request's own connection. */
    private static final Set<String> CONNECTION_STATEMENTS = Set.of("Set", "UseQuery");

    /** Statements that are CONTROL only because of settings like mutations_sync (the classifier's view). */
    private static final Set<String> QUERIES = Set.of("SelectWithUnionQuery", "SelectIntersectExceptQuery", "Explain");

    private static final Pattern TABLE_NAME =
            Pattern.compile("(?:([A-Za-z_][A-Za-z0-9_]*)\\.)?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> SYSTEM_DATABASES = Set.of("system", "INFORMATION_SCHEMA", "information_schema");

    private final Set<String> tableFunctions;
    private final String readOnlyDatabase;

    /**
     * @param tableFunctions   the engine's table functions (system.table_functions), to tell a table
     *                         function from a parameterized view, which look alike in the tree
     * @param readOnlyDatabase the one database read-only users read
     */
    QueryGuard(Set<String> tableFunctions, String readOnlyDatabase) {
        this.tableFunctions = Set.copyOf(tableFunctions);
        this.readOnlyDatabase = readOnlyDatabase;
    }

    String readOnlyDatabase() {
        return readOnlyDatabase;
    }

    /**
     * @throws ClickHouseException with a ClickHouse-style error when the statement is not allowed
     */
    void check(String user, Users.Access access, QueryClass queryClass, AstDump tree) {
        AstDump.Node root = tree.root();
        boolean hasFileClause = tree.topLevel().stream().anyMatch(n -> n.kind().equals("Literal"));
        if (hasFileClause && root.kind().equals("InsertQuery")) {
            throw new ClickHouseException(ClickHouseError.infileNotAllowed());
        }
        if (hasFileClause && queryClass == QueryClass.CONTROL && isQueryWithResult(root.kind())) {
            throw new ClickHouseException(ClickHouseError.intoOutfileNotAllowed());
        }
        for (AstDump.Node node : tree.nodes()) {
            if (node.kind().equals("Function") && HOST_FILE_FUNCTIONS.contains(node.name())) {
                throw new ClickHouseException(ClickHouseError.accessDenied(
                        user,
                        "Function " + node.name() + "() reads files of the server's host; "
                                + "it is not allowed on this server"));
            }
        }
        if (access == Users.Access.READ_ONLY) {
            checkReadOnly(user, queryClass, tree);
        } else {
            checkFull(user, queryClass, root);
        }
    }

    /** Statements that produce a result, which INTO OUTFILE would write to a file (KILL's WHERE is a literal too). */
    private static boolean isQueryWithResult(String kind) {
        return kind.startsWith("Select")
                || kind.startsWith("Show")
                || kind.startsWith("Describe")
                || kind.startsWith("Exists")
                || kind.equals("Explain");
    }

    private static void checkFull(String user, QueryClass queryClass, AstDump.Node root) {
        if (queryClass == QueryClass.UNKNOWN) {
            throw new ClickHouseException(ClickHouseError.prohibited(
                    user, "ClickHouse does not classify this statement (" + root.kind() + "), so it is not run"));
        }
        if (queryClass == QueryClass.CONTROL
                && !CONNECTION_STATEMENTS.contains(root.kind())
                && !QUERIES.contains(root.kind())) {
            throw new ClickHouseException(ClickHouseError.prohibited(
                    user,
                    root.kind() + " is not allowed on this server: of the session and server control statements"
                            + " only SET and USE are (SYSTEM, KILL, BACKUP/RESTORE, ATTACH/DETACH, temporary tables,"
                            + " SET ROLE, EXECUTE AS and INSERT INTO FUNCTION are not)"));
        }
    }

    private void checkReadOnly(String user, QueryClass queryClass, AstDump tree) {
        String kind = tree.root().kind();
        if (kind.equals("Set")) {
            return; // a setting of the request's own connection: readonly = 2 and the constraints bound it
        }
        if (queryClass != QueryClass.READ_ONLY) {
            throw new ClickHouseException(ClickHouseError.readOnly(
                    user,
                    "Cannot execute query in readonly mode: a read-only user runs only SELECT, SHOW, DESCRIBE,"
                            + " EXISTS and EXPLAIN"));
        }
        if (!READ_ONLY_STATEMENTS.contains(kind) && !kind.startsWith("Exists") && !kind.startsWith("ShowCreate")) {
            throw new ClickHouseException(
                    ClickHouseError.accessDenied(user, kind + " is not allowed for a read-only user"));
        }
        for (AstDump.Node node : tree.nodes()) {
            switch (node.kind()) {
                case "TableIdentifier" -> checkReadableTable(user, node.name(), true);
                case "Identifier" -> checkReadableTable(user, node.name(), false);
                case "Function" -> {
                    boolean inFrom = tree.parent(node)
                            .map(p -> p.kind().equals("TableExpression"))
                            .orElse(false);
                    // FROM f(...) is a table function, or else a parameterized view of the current database
                    if (inFrom
                            && tableFunctions.contains(node.name())
                            && !READ_ONLY_TABLE_FUNCTIONS.contains(node.name())) {
                        throw new ClickHouseException(ClickHouseError.accessDenied(
                                user,
                                "Table function " + node.name() + "() is not allowed for a read-only user"
                                        + " (allowed: " + String.join(", ", sorted(READ_ONLY_TABLE_FUNCTIONS))
                                        + ")"));
                    }
                }
                default -> {}
            }
        }
    }

    /**
     * A table a read-only user names: unqualified (the current database, which for read-only users is
     * always their own), in their database, or one of the allowed system tables. An identifier that is
     * not a table name (a column) is checked only when it starts with a system database's name, since
     * {@code x IN system.processes} reads a table through a plain identifier.
     */
    private void checkReadableTable(String user, String name, boolean isTable) {
        if (!isTable) {
            String[] parts = name.split("\\.", -1);
            if (parts.length < 2 || !SYSTEM_DATABASES.contains(parts[0])) {
                return;
            }
            if (!READ_ONLY_SYSTEM_TABLES.contains(parts[0] + "." + parts[1])) {
                throw new ClickHouseException(notReadable(user, parts[0] + "." + parts[1]));
            }
            return;
        }
        Matcher m = TABLE_NAME.matcher(name);
        if (!m.matches()) {
            throw new ClickHouseException(ClickHouseError.accessDenied(
                    user,
                    "cannot tell which database the table " + name + " is in, so a read-only user may not read it"));
        }
        String database = m.group(1);
        if (database == null
                || database.equals(readOnlyDatabase)
                || READ_ONLY_SYSTEM_TABLES.contains(database + "." + m.group(2))) {
            return;
        }
        throw new ClickHouseException(notReadable(user, name));
    }

    private ClickHouseError notReadable(String user, String table) {
        return ClickHouseError.accessDenied(
                user,
                "a read-only user reads database " + readOnlyDatabase + " and "
                        + String.join(", ", sorted(READ_ONLY_SYSTEM_TABLES)) + " only, not " + table);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
