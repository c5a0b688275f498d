package org.ccpulse.dashboards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a query reads, as ClickHouse itself resolves it: the tables and table functions of its
 * analyzed query tree ({@code EXPLAIN QUERY TREE}), in the FROM and JOIN of the query and of every
 * subquery (IN, scalar, nested), views not expanded. No parsing of SQL text here.
 */
final class QuerySources {

    private static final Pattern TABLE =
            Pattern.compile("^\\s*TABLE id: \\d+,.*?\\btable_name: ([^,\\s]+)", Pattern.MULTILINE);
    private static final Pattern TABLE_FUNCTION =
            Pattern.compile("^\\s*TABLE_FUNCTION id: \\d+,.*?\\btable_function_name: ([^,\\s]+)", Pattern.MULTILINE);
    /** What ClickHouse reads for a SELECT without FROM. */
    private static final String NO_TABLE = "system.one";

    private QuerySources() {}

    /**
     * Everything the query reads that is not a view of the connection's database (tables, views of
     * other databases, table functions, system tables other than system.one), each as e.g.
     * {@code table ccpulse.queue_minute (ReplacingMergeTree)} or {@code table function numbers}; empty
     * when it reads views only.
     */
    static List<String> notViews(Connection c, String sql) throws SQLException {
        String tree;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("EXPLAIN QUERY TREE " + sql)) {
            StringBuilder lines = new StringBuilder();
            while (rs.next()) {
                lines.append(rs.getString(1)).append('\n');
            }
            tree = lines.toString();
        }
        Set<String> tables = new LinkedHashSet<>();
        Matcher table = TABLE.matcher(tree);
        while (table.find()) {
            tables.add(table.group(1));
        }
        List<String> notViews = new ArrayList<>();
        Matcher function = TABLE_FUNCTION.matcher(tree);
        while (function.find()) {
            notViews.add("table function " + function.group(1));
        }
        if (tables.isEmpty() && notViews.isEmpty()) {
            // every query reads something, system.one at least: the output format must have changed
            throw new IllegalStateException("EXPLAIN QUERY TREE names no table for: " + sql + "\n" + tree);
        }
        String database = currentDatabase(c);
        for (String name : tables) {
            if (name.equals(NO_TABLE)) {
                continue;
            }
            String engine = engine(c, name);
            if (!"View".equals(engine) || !name.startsWith(database + ".")) {
                notViews.add("table " + name + " (" + (engine == null ? "not in system.tables" : engine) + ")");
            }
        }
        return notViews;
    }

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT currentDatabase()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The engine of database.name, or null when there is no such table. */
    private static String engine(Connection c, String qualifiedName) throws SQLException {
        int dot = qualifiedName.indexOf('.');
        try (PreparedStatement st =
                c.prepareStatement("SELECT engine FROM system.tables WHERE database = ? AND name = ?")) {
            st.setString(1, qualifiedName.substring(0, dot));
            st.setString(2, qualifiedName.substring(dot + 1));
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
