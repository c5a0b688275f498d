package org.ccpulse.jobs.servicelevel;

import static org.ccpulse.jobs.clickhouse.ClickHouseValues.date;
import static org.ccpulse.jobs.clickhouse.ClickHouseValues.utc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.ccpulse.jobs.clickhouse.RowBinder;

/** How the service-level job's rows map onto its ClickHouse tables (schemas/clickhouse 0002, 0003). */
final class ServiceLevelTables {

    private ServiceLevelTables() {
    }

    static final RowBinder<QueueMinuteRow> QUEUE_MINUTE = new RowBinder<>() {
        @Override
        public String insertSql() {
            return "INSERT INTO queue_minute (queue, channel, minute_start, interval_start, business_date, answered, "
                    + "answered_in_sl, abandoned, short_abandoned, abandoned_in_sl, answered_wait_ms, max_wait_ms, handled, "
                    + "handle_ms, sl_threshold_s, short_abandon_s, sl_target, sl_formula, version) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        }

        @Override
        public void bind(QueueMinuteRow r, PreparedStatement st) throws SQLException {
            QueueCounts c = r.counts;
            st.setString(1, r.queue);
            st.setString(2, r.channel.wire());
            st.setString(3, utc(r.minuteStartMs));
            st.setString(4, utc(r.intervalStartMs));
            st.setString(5, date(r.businessDay));
            st.setLong(6, c.answered);
            st.setLong(7, c.answeredInSl);
            st.setLong(8, c.abandoned);
            st.setLong(9, c.shortAbandoned);
            st.setLong(10, c.abandonedInSl);
            st.setLong(11, c.answeredWaitMs);
            st.setLong(12, c.maxWaitMs);
            st.setLong(13, c.handled);
            st.setLong(14, c.handleMs);
            st.setLong(15, r.thresholdS);
            st.setLong(16, r.shortAbandonS);
            st.setDouble(17, r.target);
            st.setString(18, r.formula.configName());
            st.setLong(19, c.facts);
        }
    };

    static final RowBinder<QueueLiveRow> QUEUE_LIVE = new RowBinder<>() {
        @Override
        public String insertSql() {
            return "INSERT INTO queue_live (queue, channel, waiting, oldest_queued_at, as_of) VALUES (?, ?, ?, ?, ?)";
        }

        @Override
        public void bind(QueueLiveRow r, PreparedStatement st) throws SQLException {
            st.setString(1, r.queue);
            st.setString(2, r.channel.wire());
            st.setLong(3, r.waiting);
            if (r.oldestQueuedAtMs == null) {
                st.setNull(4, Types.TIMESTAMP);
            } else {
                st.setString(4, utc(r.oldestQueuedAtMs));
            }
            st.setString(5, utc(r.asOfMs));
        }
    };
}
