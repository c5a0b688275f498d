package org.ccpulse.jobs.fcr;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;

/**
 * First-contact resolution as ClickHouse shows it after a run ({@code fcr_contact_outcomes},
 * {@code fcr_repeat_contacts}, the views {@code fcr_daily} and {@code fcr_pending}, all settled with
 * FINAL), and the check that it equals the plain recomputation of the same records.
 *
 * <p>Which contacts without repeat a bounded run settles depends on its last watermark before the
 * input ended: how far the sources' periodic watermarks got, which no test controls. So the check
 * finds that event time W from the run itself: every contact the run settled resolved must close at or
 * before W and every contact it left pending after W; then every row must equal the recomputation at W.
 */
final class FcrFigures {

    /** One row of fcr_contact_outcomes, as strings (attribution, status, repeat). */
    record Outcome(List<String> attribution, String status, String repeatContactId, Long repeatStartedAtMs) {}

    private FcrFigures() {}

    /** fcr_contact_outcomes FINAL, keyed "contact|window". */
    static Map<String, Outcome> outcomes(ClickHouseAccess db) throws Exception {
        Map<String, Outcome> rows = new TreeMap<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT contact_id, window, toString(business_date), queue, channel, team,"
                                + " agent_id, reason, agent_resolved, status, repeat_contact_id,"
                                + " toUnixTimestamp64Milli(repeat_started_at) FROM fcr_contact_outcomes FINAL")) {
            while (rs.next()) {
                List<String> attribution = new ArrayList<>();
                for (int i = 3; i <= 9; i++) {
                    attribution.add(rs.getString(i));
                }
                long started = rs.getLong(12);
                rows.put(
                        rs.getString(1) + "|" + rs.getString(2),
                        new Outcome(attribution, rs.getString(10), rs.getString(11), rs.wasNull() ? null : started));
            }
        }
        return rows;
    }

    /** A view's rows: key columns joined by "|" -> the figure columns as longs (fcr_daily's fcr is checked apart). */
    static Map<String, List<Long>> view(ClickHouseAccess db, String sql, int keyColumns) throws Exception {
        Map<String, List<Long>> rows = new TreeMap<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> key = new ArrayList<>();
                for (int i = 1; i <= keyColumns; i++) {
                    key.add(rs.getString(i));
                }
                List<Long> figures = new ArrayList<>();
                for (int i = keyColumns + 1; i <= columns; i++) {
                    figures.add(rs.getLong(i));
                }
                rows.put(String.join("|", key), figures);
            }
        }
        return rows;
    }

    static Map<String, List<Long>> daily(ClickHouseAccess db) throws Exception {
        return view(
                db,
                "SELECT toString(business_date), window, queue, channel, team, agent_id, reason, eligible, resolved,"
                        + " toInt64(fcr = resolved / eligible) FROM fcr_daily",
                7);
    }

    static Map<String, List<Long>> pending(ClickHouseAccess db) throws Exception {
        return view(
                db,
                "SELECT toString(business_date), window, queue, channel, team, contacts, pending, repeats, resolved"
                        + " FROM fcr_pending",
                5);
    }

    /** fcr_repeat_contacts FINAL as the recomputation's pairs. */
    static Map<String, FcrRecomputation.Pair> pairs(ClickHouseAccess db) throws Exception {
        Map<String, FcrRecomputation.Pair> rows = new TreeMap<>();
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT first_contact_id, repeat_contact_id, repeat_reason, version,"
                        + " channel_changed FROM fcr_repeat_contacts FINAL")) {
            while (rs.next()) {
                rows.put(
                        rs.getString(1) + "|" + rs.getString(2),
                        new FcrRecomputation.Pair(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5) == 1));
            }
        }
        return rows;
    }

    static long count(ClickHouseAccess db, String sql) throws Exception {
        try (Connection c = db.open();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Every table and view of the run equals the recomputation at the event time W the run reached
     * before its input ended (found from the run, see above), pairs included (written once certain); returns W.
     * Pending contacts are never
     * counted as resolved: each one the run settled resolved closes at or before W, and W is before
     * the input's last event.
     */
    static long assertEqualToRecomputation(ClickHouseAccess db, FcrRecomputation.Figures expected) throws Exception {
        Map<String, Outcome> actual = outcomes(db);
        assertThat(actual.keySet())
                .as("eligible contacts x windows")
                .isEqualTo(expected.outcomes().keySet());
        long lastSettled = Long.MIN_VALUE;
        long firstOpen = Long.MAX_VALUE;
        for (var e : expected.outcomes().entrySet()) {
            FcrRecomputation.Expected x = e.getValue();
            Outcome row = actual.get(e.getKey());
            assertThat(row.attribution())
                    .as("attribution of " + e.getKey())
                    .containsExactly(
                            x.businessDate().toString(),
                            x.queue(),
                            x.channel(),
                            x.team(),
                            x.agentId(),
                            x.reason(),
                            x.agentResolved() ? "1" : "0");
            if (x.repeatContactId() != null) {
                assertThat(row.status()).as("status of " + e.getKey()).isEqualTo(FcrOutcomeRow.REPEAT);
                assertThat(row.repeatContactId())
                        .as("first repeat of " + e.getKey())
                        .isEqualTo(x.repeatContactId());
                assertThat(row.repeatStartedAtMs()).isEqualTo(x.repeatStartedAtMs());
            } else if (row.status().equals(FcrOutcomeRow.RESOLVED)) {
                lastSettled = Math.max(lastSettled, x.closesAtMs());
            } else {
                assertThat(row.status()).as("status of " + e.getKey()).isEqualTo(FcrOutcomeRow.PENDING);
                firstOpen = Math.min(firstOpen, x.closesAtMs());
            }
        }
        assertThat(lastSettled)
                .as("every contact settled resolved closes before every contact left pending")
                .isLessThan(firstOpen)
                .as("and before the input's last event: the end of input settles nothing")
                .isLessThan(expected.lastEventMs());
        long w = lastSettled;

        Map<String, List<Long>> daily = new TreeMap<>();
        Map<String, List<Long>> pending = new TreeMap<>();
        for (FcrRecomputation.Expected x : expected.outcomes().values()) {
            String status = x.statusAt(w);
            String group = String.join("|", x.businessDate().toString(), x.window(), x.queue(), x.channel(), x.team());
            List<Long> p = pending.computeIfAbsent(group, k -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
            int column = switch (status) {
                case FcrOutcomeRow.PENDING -> 1;
                case FcrOutcomeRow.REPEAT -> 2;
                default -> 3;
            };
            p.set(0, p.get(0) + 1);
            p.set(column, p.get(column) + 1);
            if (!status.equals(FcrOutcomeRow.PENDING)) {
                List<Long> d = daily.computeIfAbsent(
                        group + "|" + x.agentId() + "|" + x.reason(), k -> new ArrayList<>(List.of(0L, 0L, 1L)));
                d.set(0, d.get(0) + 1);
                if (status.equals(FcrOutcomeRow.RESOLVED)) {
                    d.set(1, d.get(1) + 1);
                }
            }
        }
        assertSame("fcr_daily", daily(db), daily);
        assertSame("fcr_pending", pending(db), pending);
        Map<String, FcrRecomputation.Pair> pairs = pairs(db);
        assertSame("fcr_repeat_contacts", pairs, expectedPairs(expected, w, firstOpen, pairs));
        return w;
    }

    /**
     * The pairs expected when event time reached somewhere in [{@code reached}, {@code notReached}): those certain
     * by then; one that became certain in between is expected as the run has it (present or not).
     */
    static Map<String, FcrRecomputation.Pair> expectedPairs(
            FcrRecomputation.Figures expected,
            long reached,
            long notReached,
            Map<String, FcrRecomputation.Pair> actual) {
        Map<String, FcrRecomputation.Pair> pairs = new TreeMap<>();
        expected.pairs().forEach((key, pair) -> {
            long certain = expected.pairsCertainAtMs().get(key);
            if (certain <= reached || (certain < notReached && actual.containsKey(key))) {
                pairs.put(key, pair);
            }
        });
        return pairs;
    }

    /** Two maps are equal; if not, the message lists the keys that differ (at most 20) rather than both maps. */
    static <V> void assertSame(String what, Map<String, V> actual, Map<String, V> expected) {
        List<String> differences = new ArrayList<>();
        Set<String> keys = new TreeSet<>(actual.keySet());
        keys.addAll(expected.keySet());
        for (String key : keys) {
            if (!Objects.equals(actual.get(key), expected.get(key))) {
                differences.add(key + ": expected " + expected.get(key) + ", was " + actual.get(key));
            }
        }
        assertThat(differences.subList(0, Math.min(20, differences.size())))
                .as(what + ": " + differences.size() + " of " + keys.size() + " rows differ (the first 20)")
                .isEmpty();
    }
}
