package org.ccpulse.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared SQL surface: views replaced by a later migration keep their columns (the public one
 * exactly METRICS.md's); and, on hand-written rows, {@code business_today} is the one definition of
 * today and {@code queue_interval_rollup} sums the selected queues and channels per interval with
 * the roll-up rules of {@code queue_now} (one formula or `answered`, one target or none).
 */
@ExtendWith(ComponentsExtension.class)
class SqlSurfaceIT {

    private static final String INTERVAL = "2026-01-05 10:00:00";

    @Test
    void replacedViewsKeepTheirColumnsAndThePublicViewHasExactlyMetricsMdColumns(ClickHouseEndpoint clickHouse)
            throws Exception {
        List<Migration> before0011 =
                Migrations.bundled().stream().filter(m -> m.version() <= 10).toList();
        try (Connection before = freshDatabase(clickHouse, before0011);
                Connection now = freshDatabase(clickHouse, Migrations.bundled())) {
            for (String view : List.of("queue_interval", "queue_now", "service_level_interval")) {
                assertThat(columns(now, view))
                        .as(view + ": names and types, in order")
                        .isEqualTo(columns(before, view));
            }
            assertThat(columns(now, "service_level_interval"))
                    .extracting(c -> c.split(" ")[0])
                    .containsExactly(
                            "queue",
                            "channel",
                            "interval_start",
                            "answered",
                            "answered_in_sl",
                            "abandoned",
                            "short_abandoned",
                            "abandoned_in_sl",
                            "service_level",
                            "asa_s",
                            "abandon_rate",
                            "max_wait_s",
                            "sl_threshold_s",
                            "sl_formula");
            assertThat(columns(now, "customer_rfm"))
                    .extracting(c -> c.split(" ")[0])
                    .containsExactly("customer_id", "f", "tm", "m", "p_days", "r_days", "delta_days", "tier", "as_of");
            assertThat(columns(now, "churn_alerts_current"))
                    .extracting(c -> c.split(" ")[0])
                    .containsExactly(
                            "customer_id",
                            "status",
                            "tier",
                            "opened_at",
                            "r_days",
                            "p_days",
                            "tm",
                            "escalation_reasons");
        }
    }

    @Test
    void businessTodayIsTheDayNowFallsIn(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = freshDatabase(clickHouse, Migrations.bundled());
                Statement st = c.createStatement()) {
            try (ResultSet none = st.executeQuery("SELECT count() FROM business_today")) {
                none.next();
                assertThat(none.getLong(1))
                        .as("no business days written yet: no today")
                        .isZero();
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            st.execute("INSERT INTO business_days SELECT today() + n, toDateTime(today() + n, 'UTC'), "
                    + "toDateTime(today() + n + 1, 'UTC'), 'UTC' FROM (SELECT arrayJoin([-8, -7, -1, 0, 1]) AS n)");
            try (ResultSet rs = st.executeQuery("SELECT business_date, count() OVER () FROM business_today")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(today.toString());
                assertThat(rs.getLong(2)).isEqualTo(1);
            }
        }
    }

    @Test
    void rollupSumsTheSelectedQueuesAndChannels(ClickHouseEndpoint clickHouse) throws Exception {
        try (Connection c = freshDatabase(clickHouse, Migrations.bundled());
                Statement st = c.createStatement()) {
            // queue, channel, answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl,
            // answered_wait_ms, max_wait_ms, handled, handle_ms, threshold, target, formula
            st.execute(
                    "INSERT INTO queue_minute (queue, channel, minute_start, interval_start, business_date, answered, answered_in_sl, "
                            + "abandoned, short_abandoned, abandoned_in_sl, answered_wait_ms, max_wait_ms, handled, handle_ms, "
                            + "sl_threshold_s, short_abandon_s, sl_target, sl_formula, version) "
                            + "SELECT q, ch, toDateTime('" + INTERVAL + "', 'UTC') + INTERVAL 3 MINUTE, toDateTime('"
                            + INTERVAL + "', 'UTC'), "
                            + "toDate('2026-01-05'), a, a_sl, ab, ab_short, ab_sl, wait, max_wait, h, h_ms, thr, 5, target, f, 1 FROM values("
                            + "'q String, ch String, a UInt32, a_sl UInt32, ab UInt32, ab_short UInt32, ab_sl UInt32, wait UInt64, max_wait UInt64, "
                            + "h UInt32, h_ms UInt64, thr UInt32, target Float64, f String', "
                            + "('billing',   'voice', 10, 8, 2, 1, 1, 50000, 30000, 10, 3000000, 20, 0.9, 'removed'), "
                            + "('billing',   'chat',   5, 5, 0, 0, 0, 10000,  4000,  5, 1000000, 30, 0.8, 'answered'), "
                            + "('sales',     'voice',  4, 2, 0, 0, 0, 40000, 60000,  4,  800000, 20, 0.9, 'removed'), "
                            + "('sales',     'email', 99, 0, 0, 0, 0,     0,     0,  0,       0, 20, 0.9, 'removed'), "
                            + "('retention', 'voice', 99, 0, 0, 0, 0,     0,     0,  0,       0, 20, 0.9, 'removed'))");

            Map<String, Row> both = rollup(st, "['billing', 'sales']", "['voice', 'chat']");
            assertThat(both).containsOnlyKeys("billing", "sales", "all");
            assertThat(both.get("billing").answered).isEqualTo(15);
            assertThat(both.get("billing").formula)
                    .as("voice removed, chat answered: the default")
                    .isEqualTo("answered");
            assertThat(both.get("billing").serviceLevel).as("13 / (15 + 2 - 1)").isCloseTo(13.0 / 16, within(1e-9));
            assertThat(both.get("billing").target).as("targets differ: none").isNull();
            assertThat(both.get("billing").asa).isCloseTo(60.0 / 15, within(1e-9));
            assertThat(both.get("billing").aht).isCloseTo(4000.0 / 15, within(1e-9));
            assertThat(both.get("sales").serviceLevel)
                    .as("removed: (2 + 0) / (4 + 0), email not selected")
                    .isCloseTo(0.5, within(1e-9));
            assertThat(both.get("sales").target).isEqualTo(0.9);
            assertThat(both.get("all").answered).as("retention not selected").isEqualTo(19);
            assertThat(both.get("all").serviceLevel).as("15 / (19 + 2 - 1)").isCloseTo(15.0 / 20, within(1e-9));
            assertThat(both.get("all").maxWait).isEqualTo(60.0);

            Map<String, Row> voice = rollup(st, "['billing', 'sales']", "['voice']");
            assertThat(voice.get("billing").serviceLevel)
                    .as("removed: (8 + 1) / (10 + 2)")
                    .isCloseTo(9.0 / 12, within(1e-9));
            assertThat(voice.get("all").formula).isEqualTo("removed");
            assertThat(voice.get("all").serviceLevel)
                    .as("(8 + 1 + 2) / (14 + 2)")
                    .isCloseTo(11.0 / 16, within(1e-9));
            assertThat(voice.get("all").target).as("one target: kept").isEqualTo(0.9);
            assertThat(voice.get("all").threshold).isEqualTo(20);
        }
    }

    private record Row(
            long answered,
            Double serviceLevel,
            Double target,
            Long threshold,
            String formula,
            Double asa,
            Double aht,
            Double maxWait) {}

    private static Map<String, Row> rollup(Statement st, String queues, String channels) throws Exception {
        Map<String, Row> rows = new HashMap<>();
        try (ResultSet rs = st.executeQuery(
                "SELECT queue, answered, service_level, sl_target, sl_threshold_s, sl_formula, asa_s, aht_s, "
                        + "max_wait_s FROM queue_interval_rollup(queues = " + queues + ", channels = " + channels + ") "
                        + "WHERE interval_start = toDateTime('" + INTERVAL + "', 'UTC')")) {
            while (rs.next()) {
                rows.put(
                        rs.getString(1),
                        new Row(
                                rs.getLong(2),
                                rs.getObject(3, Double.class),
                                rs.getObject(4, Double.class),
                                rs.getObject(5, Long.class),
                                rs.getString(6),
                                rs.getObject(7, Double.class),
                                rs.getObject(8, Double.class),
                                rs.getObject(9, Double.class)));
            }
        }
        return rows;
    }

    /** "name type" of each column of a table or view, in order. */
    private static List<String> columns(Connection c, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = ? ORDER BY position")) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        return columns;
    }

    static Connection freshDatabase(ClickHouseEndpoint clickHouse, List<Migration> migrations) throws Exception {
        String db = "views_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin =
                ClickHouseConnections.open(clickHouse.httpUrl(), clickHouse.user(), clickHouse.password())) {
            admin.createStatement().execute("CREATE DATABASE " + db); // generated name, not input
        }
        Connection c =
                ClickHouseConnections.open(clickHouse.httpUrl() + "/" + db, clickHouse.user(), clickHouse.password());
        new Migrator(c).migrate(migrations);
        return c;
    }
}
