package org.ccpulse.jobs.clickhouse;

import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The columns a job inserts into one ClickHouse table, each named once beside where its value comes
 * from. The INSERT text and the order of bind parameters both follow from this one list:
 *
 * <pre>{@code
 * ClickHouseTable.<QueueLiveRow>named("queue_live")
 *         .text("queue", r -> r.queue)
 *         .integer("waiting", r -> r.waiting)
 *         .nullableUtc("oldest_queued_at", r -> r.oldestQueuedAtMs)
 *         .utc("as_of", r -> r.asOfMs);
 * }</pre>
 *
 * Values are always bound as parameters, never put into the SQL text. Columns left out must have a
 * default in the table (TableColumnsIT checks every description against the migrated schema).
 * Immutable and serializable, lambdas included (the sink travels in the Flink job graph), so a
 * description is built once per table, as a constant.
 */
public final class ClickHouseTable<T> implements RowBinder<T> {

    /** How one column's value of a row is bound to parameter {@code index} (1-based) of the insert. */
    @FunctionalInterface
    public interface Binding<T> extends Serializable {
        void bind(PreparedStatement statement, int index, T row) throws SQLException;
    }

    /** An object value of a row. */
    @FunctionalInterface
    public interface Value<T, V> extends Serializable {
        V of(T row);
    }

    /** A {@code long} value of a row. */
    @FunctionalInterface
    public interface LongValue<T> extends Serializable {
        long of(T row);
    }

    /** A {@code double} value of a row. */
    @FunctionalInterface
    public interface DoubleValue<T> extends Serializable {
        double of(T row);
    }

    /** One inserted column: its name in the table and how its value is bound. */
    public record Column<T>(String name, Binding<T> binding) implements Serializable {}

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final List<Column<T>> columns;

    private ClickHouseTable(String name, List<Column<T>> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    /** A table with no columns yet; add them in the order they should appear in the INSERT. */
    public static <T> ClickHouseTable<T> named(String table) {
        return new ClickHouseTable<>(identifier("table", table), List.of());
    }

    /** A column bound by hand, for value kinds the helpers below do not cover. */
    public ClickHouseTable<T> column(String column, Binding<T> binding) {
        identifier("column", column);
        if (columnNames().contains(column)) {
            throw new IllegalArgumentException("column " + column + " of " + name + " is listed twice");
        }
        if (binding == null) {
            throw new IllegalArgumentException("column " + column + " of " + name + " has no binding");
        }
        List<Column<T>> more = new ArrayList<>(columns);
        more.add(new Column<>(column, binding));
        return new ClickHouseTable<>(name, more);
    }

    /** A String, LowCardinality(String) or Enum column. */
    public ClickHouseTable<T> text(String column, Value<T, String> value) {
        return column(column, (st, i, row) -> st.setString(i, value.of(row)));
    }

    /** An integer column ((U)Int8 to (U)Int64). */
    public ClickHouseTable<T> integer(String column, LongValue<T> value) {
        return column(column, (st, i, row) -> st.setLong(i, value.of(row)));
    }

    /** A Float64 (or Float32) column. */
    public ClickHouseTable<T> floating(String column, DoubleValue<T> value) {
        return column(column, (st, i, row) -> st.setDouble(i, value.of(row)));
    }

    /** A Decimal(P, S) column from an exact value (money: never through a double). */
    public ClickHouseTable<T> decimal(String column, Value<T, BigDecimal> value) {
        return column(column, (st, i, row) -> st.setBigDecimal(i, value.of(row)));
    }

    /** A DateTime('UTC') or DateTime64(3, 'UTC') column from epoch milliseconds ({@link ClickHouseValues#utc}). */
    public ClickHouseTable<T> utc(String column, LongValue<T> epochMillis) {
        return column(column, (st, i, row) -> st.setString(i, ClickHouseValues.utc(epochMillis.of(row))));
    }

    /** A Nullable(DateTime64(3, 'UTC')) column from epoch milliseconds, NULL when the value is null. */
    public ClickHouseTable<T> nullableUtc(String column, Value<T, Long> epochMillis) {
        return column(column, (st, i, row) -> {
            Long millis = epochMillis.of(row);
            if (millis == null) {
                st.setNull(i, Types.TIMESTAMP);
            } else {
                st.setString(i, ClickHouseValues.utc(millis));
            }
        });
    }

    /** A Date column from days since 1970-01-01 ({@link ClickHouseValues#date}). */
    public ClickHouseTable<T> date(String column, LongValue<T> epochDay) {
        return column(column, (st, i, row) -> st.setString(i, ClickHouseValues.date(epochDay.of(row))));
    }

    public String name() {
        return name;
    }

    public List<Column<T>> columns() {
        return columns;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public String insertSql() {
        if (columns.isEmpty()) {
            throw new IllegalStateException("table " + name + " has no columns");
        }
        return "INSERT INTO " + name + " (" + String.join(", ", columnNames()) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public void bind(T row, PreparedStatement statement) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).binding().bind(statement, i + 1, row);
        }
    }

    @Override
    public String toString() {
        return "ClickHouseTable[" + name + ": " + String.join(", ", columnNames()) + "]";
    }

    private static String identifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain " + what + " name: " + name);
        }
        return name;
    }
}
