package org.ccpulse.infra.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax tree ClickHouse prints for {@code EXPLAIN AST} (one node per line, one more leading
 * space per level), read from its TabSeparated output. Only the node kinds the access checks need
 * are interpreted: the root, {@code Function}, {@code TableIdentifier}, {@code Identifier},
 * {@code TableExpression} and {@code Literal}.
 */
final class AstDump {

    /** One line of the dump: its depth, its kind (first word) and the rest of its label. */
    record Node(int depth, String kind, String label, int parent) {

        /**
         * The name a Function, TableIdentifier or Identifier node carries, without its
         * {@code (alias x)} and {@code (children n)} suffixes.
         */
        String name() {
            Matcher m = NAMED.matcher(label);
            return m.matches() ? m.group(1) : label;
        }
    }

    /** "name", "name (alias a)", "name (children 2)", "name (alias a) (children 2)". */
    private static final Pattern NAMED = Pattern.compile("^(.*?)(?: \\(alias [^()]*\\))?(?: \\(children \\d+\\))?$");

    private final List<Node> nodes;

    private AstDump(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Parses the TabSeparated output of {@code EXPLAIN AST} (one row per node). */
    static AstDump parse(String tabSeparated) {
        List<Node> nodes = new ArrayList<>();
        List<Integer> openAtDepth = new ArrayList<>(); // index of the last node seen at each depth
        for (String row : tabSeparated.split("\n")) {
            if (row.isEmpty()) {
                continue;
            }
            int depth = 0;
            while (depth < row.length() && row.charAt(depth) == ' ') {
                depth++;
            }
            if (depth > openAtDepth.size() || (nodes.isEmpty() && depth != 0)) {
                throw new IllegalArgumentException("not an EXPLAIN AST tree: line skips a level: " + row);
            }
            String text = unescape(row.substring(depth)).strip();
            int space = text.indexOf(' ');
            String kind = space < 0 ? text : text.substring(0, space);
            String label = space < 0 ? "" : text.substring(space + 1).strip();
            int parent = depth == 0 ? -1 : openAtDepth.get(depth - 1);
            while (openAtDepth.size() > depth) {
                openAtDepth.remove(openAtDepth.size() - 1);
            }
            openAtDepth.add(nodes.size());
            nodes.add(new Node(depth, kind, label, parent));
        }
        if (nodes.isEmpty() || nodes.stream().filter(n -> n.depth() == 0).count() != 1) {
            throw new IllegalArgumentException("not an EXPLAIN AST tree of one statement");
        }
        return new AstDump(nodes);
    }

    List<Node> nodes() {
        return nodes;
    }

    Node root() {
        return nodes.get(0);
    }

    Optional<Node> parent(Node node) {
        return node.parent() < 0 ? Optional.empty() : Optional.of(nodes.get(node.parent()));
    }

    /** The root's direct children. */
    List<Node> topLevel() {
        return nodes.stream().filter(n -> n.parent() == 0).toList();
    }

    /** TabSeparated escaping: {@code \\ \t \n \r \0 \b \f \'}. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            out.append(
                    switch (next) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case '0' -> '\0';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> next;
                    });
        }
        return out.toString();
    }
}
