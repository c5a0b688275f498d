package org.ccpulse.jobs.clickhouse;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How rows of one type go into one ClickHouse table: the INSERT with placeholders and how to bind a row.
 * Tables are described with {@link ClickHouseTable}, which derives both from one list of columns.
 */
public interface RowBinder<T> extends Serializable {

    /** {@code INSERT INTO table (c1, c2, ...) VALUES (?, ?, ...)}; values are always bound, never spliced in. */
    String insertSql();

    void bind(T row, PreparedStatement statement) throws SQLException;
}
