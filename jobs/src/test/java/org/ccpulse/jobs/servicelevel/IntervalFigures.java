package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.Channel;

/**
 * The interval figures as the views show them after a job ran: {@code service_level_interval} (the
 * public view) with the handling figures of {@code queue_interval}, and the check that they equal a
 * plain recomputation of the same records.
 */
final class IntervalFigures {

    /** One interval of one queue and channel; a missing rate (nothing to divide by) is NaN. */
    record Row(
            long answered,
            long answeredInSl,
            long abandoned,
            long shortAbandoned,
            long abandonedInSl,
            double serviceLevel,
            double asaS,
            double maxWaitS,
            long handled,
            long handleMs,
            double ahtS) {}

    private IntervalFigures() {}

    /** Every interval row, keyed "queue|channel|interval start" like {@link PlainRecomputation#perInterval}. */
    static Map<String, Row> read(ClickHouseAccess db) throws Exception {
        Map<String, Row> rows = new TreeMap<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT s.queue, s.channel, toUnixTimestamp(s.interval_start), s.answered, "
                                + "s.answered_in_sl, s.abandoned, s.short_abandoned, s.abandoned_in_sl, ifNull(s.service_level, nan), "
                                + "ifNull(s.asa_s, nan), s.max_wait_s, q.handled, q.handle_ms, ifNull(q.aht_s, nan) "
                                + "FROM service_level_interval AS s JOIN queue_interval AS q USING (queue, channel, interval_start)")) {
            while (rs.next()) {
                String key = rs.getString(1) + "|" + rs.getString(2) + "|" + Instant.ofEpochSecond(rs.getLong(3));
                rows.put(
                        key,
                        new Row(
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getDouble(9),
                                rs.getDouble(10),
                                rs.getDouble(11),
                                rs.getLong(12),
                                rs.getLong(13),
                                rs.getDouble(14)));
            }
        }
        return rows;
    }

    /** The views' rows are exactly the recomputed intervals, and every rate is the one METRICS.md derives from them. */
    static void assertEqualToRecomputation(
            Map<String, Row> actual, Map<String, QueueCounts> expected, ServiceLevelConfig config) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (var e : expected.entrySet()) {
            String key = e.getKey();
            QueueCounts c = e.getValue();
            Row row = actual.get(key);
            assertThat(new long[] {
                        row.answered,
                        row.answeredInSl,
                        row.abandoned,
                        row.shortAbandoned,
                        row.abandonedInSl,
                        (long) Math.floor(row.maxWaitS),
                        row.handled,
                        row.handleMs
                    })
                    .as(key)
                    .containsExactly(
                            c.answered,
                            c.answeredInSl,
                            c.abandoned,
                            c.shortAbandoned,
                            c.abandonedInSl,
                            c.maxWaitMs / 1000,
                            c.handled,
                            c.handleMs);
            String[] parts = key.split("\\|");
            double sl = config.rulesFor(parts[0], Channel.fromWire(parts[1]))
                    .formula()
                    .serviceLevel(c);
            if (Double.isNaN(sl)) {
                assertThat(row.serviceLevel).as(key + " service level").isNaN();
            } else {
                assertThat(row.serviceLevel).as(key + " service level").isCloseTo(sl, within(1e-9));
            }
            if (c.answered > 0) {
                assertThat(row.asaS).as(key + " ASA").isCloseTo(c.answeredWaitMs / 1000.0 / c.answered, within(1e-9));
            }
            if (c.handled > 0) {
                assertThat(row.ahtS).as(key + " AHT").isCloseTo(c.handleMs / 1000.0 / c.handled, within(1e-9));
            }
        }
    }

    /**
     * After a run over all of {@code traffic}, however often it was interrupted: every fact counted once, every
     * interval as the plain recomputation has it, every rejected record one dead letter.
     */
    static void assertEveryFactOnce(ClickHouseAccess db, SimulatedTraffic traffic, ServiceLevelConfig config)
            throws Exception {
        assertThat(factsIn(db)).as("facts counted, none twice").isEqualTo(PlainRecomputation.factCount(traffic));
        assertEqualToRecomputation(read(db), PlainRecomputation.perInterval(traffic.acceptedEvents(), config), config);
        assertThat(count(db, "SELECT count() FROM dead_letters FINAL")).isEqualTo(traffic.rejectedCount());
    }

    /** The facts behind the figures in ClickHouse: each minute counts with its latest (fullest) row. */
    static long factsIn(ClickHouseAccess db) throws Exception {
        return count(db, "SELECT sum(version) FROM queue_minute FINAL");
    }

    static long count(ClickHouseAccess db, String sql) throws Exception {
        try (Connection c = db.open();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
