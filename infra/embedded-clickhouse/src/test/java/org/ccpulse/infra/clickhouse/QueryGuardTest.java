package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Set;
import org.ccpulse.infra.clickhouse.QueryGuard.QueryClass;
import org.junit.jupiter.api.Test;

/** The decisions, on trees as chDB 26.7 prints them for EXPLAIN AST. */
class QueryGuardTest {

    private final QueryGuard guard =
            new QueryGuard(Set.of("file", "url", "remote", "numbers", "merge", "values", "zeros"), "dash");

    private static String select(String tableExpression) {
        return """
                SelectWithUnionQuery (children 1)
                 ExpressionList (children 1)
                  SelectQuery (children 2)
                   ExpressionList (children 1)
                    Asterisk
                   TablesInSelectQuery (children 1)
                    TablesInSelectQueryElement (children 1)
                     TableExpression (children 1)
                """ + tableExpression;
    }

    private void reader(QueryClass queryClass, String tree) {
        guard.check("grafana", Users.Access.READ_ONLY, queryClass, AstDump.parse(tree));
    }

    private void writer(QueryClass queryClass, String tree) {
        guard.check("ccpulse", Users.Access.FULL, queryClass, AstDump.parse(tree));
    }

    private static ClickHouseError refusal(Runnable check) {
        try {
            check.run();
        } catch (ClickHouseException e) {
            return e.error();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aReaderReadsItsDatabaseAndTheSystemTablesGrafanaReads() {
        assertThatCode(() -> reader(QueryClass.READ_ONLY, select("      TableIdentifier dash.calls (alias c)\n")))
                .doesNotThrowAnyException();
        assertThatCode(() -> reader(QueryClass.READ_ONLY, select("      TableIdentifier calls\n")))
                .doesNotThrowAnyException();
        assertThatCode(() -> reader(QueryClass.READ_ONLY, select("      TableIdentifier system.columns\n")))
                .doesNotThrowAnyException();
        // FROM f(...) that is no table function is a parameterized view of the current database
        assertThatCode(() -> reader(QueryClass.READ_ONLY, select("      Function queue_rollup (alias r)\n")))
                .doesNotThrowAnyException();
        assertThatCode(() -> reader(QueryClass.READ_ONLY, select("      Function numbers (children 1)\n")))
                .doesNotThrowAnyException();
    }

    @Test
    void aReaderReadsNoOtherDatabaseNorOtherSystemTable() {
        for (String table : new String[] {"secrets.keys", "system.processes", "INFORMATION_SCHEMA.TABLES", "my-db.t"}) {
            ClickHouseError e =
                    refusal(() -> reader(QueryClass.READ_ONLY, select("      TableIdentifier " + table + "\n")));
            assertThat(e.code()).as(table).isEqualTo(497);
            assertThat(e.message())
                    .startsWith("grafana: Not enough privileges.")
                    .endsWith("(ACCESS_DENIED)");
        }
        String inTable = """
                SelectWithUnionQuery (children 1)
                 ExpressionList (children 1)
                  SelectQuery (children 2)
                   ExpressionList (children 1)
                    Literal UInt64_1
                   Function in (children 1)
                    ExpressionList (children 2)
                     Literal UInt64_1
                     Identifier system.processes
                """;
        assertThat(refusal(() -> reader(QueryClass.READ_ONLY, inTable)).code()).isEqualTo(497);
    }

    @Test
    void aReaderUsesOnlyTableFunctionsThatReadNothing() {
        for (String function : new String[] {"url", "remote", "merge"}) {
            ClickHouseError e = refusal(
                    () -> reader(QueryClass.READ_ONLY, select("      Function " + function + " (children 1)\n")));
            assertThat(e.message()).as(function).contains("Table function " + function + "()");
        }
    }

    @Test
    void nobodyCallsFileNotEvenInsideAnExpression() {
        String scalar = """
                SelectWithUnionQuery (children 1)
                 ExpressionList (children 1)
                  SelectQuery (children 1)
                   ExpressionList (children 1)
                    Function length (children 1)
                     ExpressionList (children 1)
                      Function file (children 1)
                       ExpressionList (children 1)
                        Literal \\'/etc/passwd\\'
                """;
        assertThat(refusal(() -> writer(QueryClass.READ_ONLY, scalar)).message())
                .isEqualTo("ccpulse: Not enough privileges. Function file() reads files of the server's host;"
                        + " it is not allowed on this server. (ACCESS_DENIED)");
        assertThat(refusal(() -> reader(QueryClass.READ_ONLY, scalar)).code()).isEqualTo(497);
    }

    @Test
    void nobodyWritesOrReadsAFileThroughTheEmbeddedClient() {
        String outfile = """
                SelectWithUnionQuery (children 2)
                 ExpressionList (children 1)
                  SelectQuery (children 1)
                   ExpressionList (children 1)
                    Literal UInt64_1
                 Literal \\'/tmp/x\\'
                """;
        String infile = "InsertQuery   (children 3)\n Literal \\'/etc/passwd\\'\n Identifier default\n Identifier t\n";

        assertThat(refusal(() -> writer(QueryClass.CONTROL, outfile)).code()).isEqualTo(358);
        assertThat(refusal(() -> reader(QueryClass.CONTROL, outfile)).code()).isEqualTo(358);
        assertThat(refusal(() -> writer(QueryClass.MUTATING, infile)).message())
                .isEqualTo("Query has infile and was send directly to server. (UNKNOWN_TYPE_OF_QUERY)");
    }

    @Test
    void aWriterRunsSetAndUseButNoOtherControlStatement() {
        assertThatCode(() -> writer(QueryClass.CONTROL, "Set\n")).doesNotThrowAnyException();
        assertThatCode(() -> writer(QueryClass.CONTROL, "UseQuery dash (children 1)\n Identifier dash\n"))
                .doesNotThrowAnyException();
        // a SELECT is CONTROL for the classifier when it sets mutations_sync & co.
        assertThatCode(() -> writer(QueryClass.CONTROL, select("      TableIdentifier dash.calls\n")))
                .doesNotThrowAnyException();
        assertThatCode(() ->
                        writer(QueryClass.MUTATING, "InsertQuery   (children 2)\n Identifier dash\n Identifier t\n"))
                .doesNotThrowAnyException();
        for (String tree :
                new String[] {"SetRoleQuery\n", "SYSTEM query\n", "KillQueryQuery (children 1)\n Literal UInt64_1\n"}) {
            ClickHouseError e = refusal(() -> writer(QueryClass.CONTROL, tree));
            assertThat(e.code()).as(tree).isEqualTo(392);
            assertThat(e.name()).isEqualTo("QUERY_IS_PROHIBITED");
        }
        assertThat(refusal(() -> writer(QueryClass.UNKNOWN, "Set\n")).code()).isEqualTo(392);
    }

    @Test
    void aReaderRunsReadsAndSetOnly() {
        assertThatCode(() -> reader(QueryClass.CONTROL, "Set\n")).doesNotThrowAnyException();
        assertThatCode(() -> reader(QueryClass.READ_ONLY, "ShowTables (children 1)\n Identifier dash\n"))
                .doesNotThrowAnyException();
        assertThat(refusal(() -> reader(
                                QueryClass.MUTATING, "InsertQuery   (children 2)\n Identifier dash\n Identifier t\n"))
                        .message())
                .startsWith("grafana: Cannot execute query in readonly mode")
                .endsWith("(READONLY)");
        assertThat(refusal(() -> reader(QueryClass.CONTROL, "SetRoleQuery\n")).code())
                .isEqualTo(164);
        assertThat(refusal(() -> reader(QueryClass.READ_ONLY, "ShowProcesslistQuery\n"))
                        .code())
                .isEqualTo(497);
    }
}
