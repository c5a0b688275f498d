package org.ccpulse.dashboards;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How Grafana turns the rows of an alert rule's table-format SQL query into alert instances: each row
 * is one instance, labelled by its string columns ({@code team=billing-t1}) and valued by its one
 * numeric column, and the rule's threshold decides whether it fires. A query with several numeric
 * columns would give several series per row, and rows with the same labels an error, so both are
 * refused here.
 */
final class AlertEvaluation {

    /** One alert instance: its labels, its value (null when the row's value is NULL) and whether it fires. */
    record Instance(Map<String, String> labels, Double value, boolean firing) {}

    private AlertEvaluation() {}

    /** The instances of the rule on these rows, given which columns are labels and which one is the value. */
    static List<Instance> evaluate(
            Dashboards.AlertRule rule, List<String> labelColumns, String valueColumn, List<Map<String, Object>> rows) {
        List<Instance> instances = new ArrayList<>();
        Set<Map<String, String>> seen = new HashSet<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String column : labelColumns) {
                labels.put(column, String.valueOf(row.get(column)));
            }
            if (!seen.add(labels)) {
                throw new IllegalStateException(rule.uid() + ": two rows with the labels " + labels
                        + " (Grafana refuses duplicate label sets)");
            }
            Object value = row.get(valueColumn);
            Double number = value == null ? null : ((Number) value).doubleValue();
            instances.add(new Instance(labels, number, number != null && rule.fires(number)));
        }
        return instances;
    }

    /** Runs the rule's query (already expanded) and evaluates every row. */
    static List<Instance> evaluate(Connection c, Dashboards.AlertRule rule, String sql) throws SQLException {
        List<String> labels = new ArrayList<>();
        List<String> values = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String name = meta.getColumnLabel(i);
                switch (meta.getColumnType(i)) {
                    case Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.LONGVARCHAR -> labels.add(name);
                    case Types.TINYINT,
                            Types.SMALLINT,
                            Types.INTEGER,
                            Types.BIGINT,
                            Types.FLOAT,
                            Types.REAL,
                            Types.DOUBLE,
                            Types.NUMERIC,
                            Types.DECIMAL -> values.add(name);
                    default ->
                        throw new IllegalStateException(rule.uid() + ": column " + name + " is neither a label (string)"
                                + " nor the value (number)");
                }
            }
            if (values.size() != 1) {
                throw new IllegalStateException(
                        rule.uid() + ": needs exactly one numeric column, the value; has " + values);
            }
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return evaluate(rule, labels, values.get(0), rows);
    }
}
