package org.ccpulse.jobs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** What the benchmark reads back from ClickHouse: the job's figures as a wallboard would see them (FINAL). */
final class QueueMinuteReads {

    /** Contacts that left a queue (answered + abandoned), contacts handled, and dead letters. */
    record Totals(long exits, long handled, long deadLetters) {}

    private QueueMinuteReads() {}

    static Totals totals(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet minutes =
                        st.executeQuery("SELECT sum(answered + abandoned), sum(handled) FROM queue_minute FINAL")) {
            minutes.next();
            long exits = minutes.getLong(1);
            long handled = minutes.getLong(2);
            try (ResultSet dead = st.executeQuery("SELECT count() FROM dead_letters FINAL")) {
                dead.next();
                return new Totals(exits, handled, dead.getLong(1));
            }
        }
    }

    /** Answered + abandoned so far per "queue|channel" (the job's queue key), over all minutes. */
    static Map<String, Long> exitsPerQueueKey(Connection c) throws SQLException {
        Map<String, Long> exits = new HashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT queue, channel, sum(answered + abandoned) FROM queue_minute FINAL GROUP BY queue, channel")) {
            while (rs.next()) {
                exits.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
            }
        }
        return exits;
    }

    /** How many wait now per "queue|channel" of this queue, as the job last wrote it (queue_live FINAL, what queue_live_now reads). */
    static Map<String, Long> waitingPerQueueKey(Connection c, String queue) throws SQLException {
        Map<String, Long> waiting = new HashMap<>();
        try (PreparedStatement st =
                c.prepareStatement("SELECT queue, channel, waiting FROM queue_live FINAL WHERE queue = ?")) {
            st.setString(1, queue);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    waiting.put(rs.getString(1) + "|" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return waiting;
    }
}
