package org.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AstDumpTest {

    /** EXPLAIN AST of SELECT * FROM `system`.`processes` AS p, numbers(3) n, as chDB 26.7 prints it in TSV. */
    static final String SELECT_WITH_ALIASES = """
            SelectWithUnionQuery (children 1)
             ExpressionList (children 1)
              SelectQuery (children 2)
               ExpressionList (children 1)
                Asterisk
               TablesInSelectQuery (children 2)
                TablesInSelectQueryElement (children 1)
                 TableExpression (children 1)
                  TableIdentifier system.processes (alias p)
                TablesInSelectQueryElement (children 2)
                 TableExpression (children 1)
                  Function numbers (alias n) (children 1)
                   ExpressionList (children 1)
                    Literal UInt64_3
                 TableJoin
            """;

    @Test
    void readsDepthKindNameAndParentOfEveryNode() {
        AstDump tree = AstDump.parse(SELECT_WITH_ALIASES);

        assertThat(tree.root().kind()).isEqualTo("SelectWithUnionQuery");
        assertThat(tree.nodes()).hasSize(15);
        AstDump.Node table = tree.nodes().get(8);
        assertThat(table.kind()).isEqualTo("TableIdentifier");
        assertThat(table.name()).isEqualTo("system.processes");
        AstDump.Node function = tree.nodes().get(11);
        assertThat(function.name()).isEqualTo("numbers");
        assertThat(tree.parent(function).orElseThrow().kind()).isEqualTo("TableExpression");
        assertThat(tree.topLevel()).extracting(AstDump.Node::kind).containsExactly("ExpressionList");
    }

    @Test
    void unescapesTabSeparatedText() {
        AstDump tree = AstDump.parse("InsertQuery   (children 3)\n Literal \\'/etc/pass\\\\wd\\'\n Identifier default\n"
                + " Identifier t\\tx\n");

        assertThat(tree.root().kind()).isEqualTo("InsertQuery");
        assertThat(tree.topLevel())
                .extracting(AstDump.Node::label)
                .containsExactly("'/etc/pass\\wd'", "default", "t\tx");
    }

    @Test
    void refusesWhatIsNotOneTree() {
        assertThatThrownBy(() -> AstDump.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AstDump.parse("Set\nSet\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AstDump.parse("SelectWithUnionQuery\n   Asterisk\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
