package org.ccpulse.jobs.calendar;

import static org.ccpulse.jobs.clickhouse.ClickHouseValues.date;
import static org.ccpulse.jobs.clickhouse.ClickHouseValues.utc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.ccpulse.jobs.clickhouse.RowBinder;

/** How business days map onto ClickHouse's {@code business_days} table, which tells every view what "today" is. */
public final class BusinessDays {

    private BusinessDays() {
    }

    public static final RowBinder<BusinessDay> TABLE = new RowBinder<>() {
        @Override
        public String insertSql() {
            return "INSERT INTO business_days (business_date, day_start, day_end, zone) VALUES (?, ?, ?, ?)";
        }

        @Override
        public void bind(BusinessDay d, PreparedStatement st) throws SQLException {
            st.setString(1, date(d.epochDay));
            st.setString(2, utc(d.startMs));
            st.setString(3, utc(d.endMs));
            st.setString(4, d.zone);
        }
    };
}
