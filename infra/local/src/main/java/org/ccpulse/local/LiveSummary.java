package org.ccpulse.local;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ccpulse.schemas.clickhouse.ClickHouseConnections;

/**
 * Reads the per-queue summary from the wallboard views {@code queue_now} and {@code queue_live_now}
 * (schemas/clickhouse 0009, 0010), as Grafana does: with the read-only user.
 */
public final class LiveSummary {

    private static final String QUEUE_NOW = """
            SELECT window, queue, service_level, sl_target, answered
            FROM queue_now WHERE channel = 'all'""";
    private static final String QUEUE_LIVE_NOW = """
            SELECT queue, waiting, oldest_wait_s
            FROM queue_live_now WHERE channel = 'all'""";

    /** The center's line, after the queues. */
    private static final Comparator<String> QUEUE_ORDER =
            Comparator.comparing((String queue) -> queue.equals("all")).thenComparing(Comparator.naturalOrder());

    private final String url;
    private final String user;
    private final String password;

    public LiveSummary(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** One line per queue seen in either view, queues by name and the whole center last. */
    public List<QueueSummary> read() throws SQLException {
        Map<String, Line> lines = new TreeMap<>(QUEUE_ORDER);
        try (Connection c = ClickHouseConnections.open(url, user, password);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(QUEUE_NOW)) {
                while (rs.next()) {
                    Line line = lines.computeIfAbsent(rs.getString("queue"), q -> new Line());
                    if (rs.getString("window").equals("rolling_60m")) {
                        line.serviceLevel = nullableDouble(rs, "service_level");
                        line.target = nullableDouble(rs, "sl_target");
                    } else {
                        line.answeredToday = rs.getLong("answered");
                    }
                }
            }
            try (ResultSet rs = st.executeQuery(QUEUE_LIVE_NOW)) {
                while (rs.next()) {
                    Line line = lines.computeIfAbsent(rs.getString("queue"), q -> new Line());
                    line.waiting = rs.getLong("waiting");
                    long oldest = rs.getLong("oldest_wait_s");
                    line.oldestWaitS = rs.wasNull() || line.waiting == 0 ? null : oldest;
                }
            }
        }
        List<QueueSummary> summary = new ArrayList<>();
        lines.forEach((queue, l) -> summary.add(
                new QueueSummary(queue, l.serviceLevel, l.target, l.waiting, l.oldestWaitS, l.answeredToday)));
        return summary;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** A queue's figures while the two views are read. */
    private static final class Line {
        Double serviceLevel;
        Double target;
        long waiting;
        Long oldestWaitS;
        long answeredToday;
    }
}
