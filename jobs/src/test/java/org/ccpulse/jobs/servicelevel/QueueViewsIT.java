package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.ccpulse.infra.ClickHouseEndpoint;
import org.ccpulse.infra.junit.ComponentsExtension;
import org.ccpulse.jobs.calendar.BusinessDays;
import org.ccpulse.jobs.calendar.BusinessTime;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.clickhouse.RowBinder;
import org.ccpulse.jobs.testing.ClickHouseDatabase;
import org.ccpulse.schemas.event.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wallboard views on rows written exactly as the job writes them: which minutes each window
 * takes, how rewrites collapse, how roll-ups pick formula and target, and live queue state.
 */
@ExtendWith(ComponentsExtension.class)
class QueueViewsIT {

    private static final QueueRules BILLING_VOICE =
            new QueueRules(Duration.ofSeconds(20), Duration.ofSeconds(5), 0.9, SlFormula.REMOVED);
    private static final QueueRules BILLING_CHAT =
            new QueueRules(Duration.ofSeconds(30), Duration.ofSeconds(5), 0.8, SlFormula.ANSWERED);
    private static final BusinessTime UTC = new BusinessTime(ZoneOffset.UTC, 15);

    @Test
    void windowsRollUpsRewritesAndLiveState(ClickHouseEndpoint clickHouse) throws Exception {
        ClickHouseAccess db = ClickHouseDatabase.fresh(clickHouse);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        insert(db, BusinessDays.TABLE, UTC.days(today.minusDays(3), today.plusDays(1)));

        QueueMinuteRow tenMinutesAgoEarly =
                row("billing", Channel.VOICE, now.minus(Duration.ofMinutes(10)), counts(4, 3, 1, 0, 1), BILLING_VOICE);
        QueueMinuteRow tenMinutesAgo =
                row("billing", Channel.VOICE, now.minus(Duration.ofMinutes(10)), counts(10, 8, 2, 1, 1), BILLING_VOICE);
        QueueMinuteRow chat =
                row("billing", Channel.CHAT, now.minus(Duration.ofMinutes(5)), counts(5, 5, 0, 0, 0), BILLING_CHAT);
        QueueMinuteRow anHourAndMoreAgo =
                row("billing", Channel.VOICE, now.minus(Duration.ofMinutes(70)), counts(7, 7, 0, 0, 0), BILLING_VOICE);
        QueueMinuteRow ahead =
                row("general", Channel.VOICE, now.plus(Duration.ofMinutes(5)), counts(3, 3, 0, 0, 0), BILLING_CHAT);
        QueueMinuteRow twoDaysAgo =
                row("sales", Channel.VOICE, now.minus(Duration.ofDays(2)), counts(9, 9, 0, 0, 0), BILLING_CHAT);
        insert(
                db,
                ServiceLevelTables.QUEUE_MINUTE,
                List.of(tenMinutesAgo, tenMinutesAgoEarly, chat, anHourAndMoreAgo, ahead, twoDaysAgo));

        // rolling 60 min: the fuller rewrite of ten minutes ago, nothing older than an hour, nothing ahead of now
        double[] voice = figures(db, "rolling_60m", "billing", "voice");
        assertThat(voice[0]).as("answered").isEqualTo(10);
        assertThat(voice[1]).as("service level, removed: (8 + 1) / (10 + 2)").isCloseTo(9.0 / 12, within(1e-9));
        assertThat(voice[2]).as("target").isEqualTo(0.9);
        double[] billing = figures(db, "rolling_60m", "billing", "all");
        assertThat(billing[0]).isEqualTo(15);
        assertThat(billing[1])
                .as("mixed formulas roll up by the default, answered: 13 / (15 + 2 - 1)")
                .isCloseTo(13.0 / 16, within(1e-9));
        assertThat(billing[2]).as("mixed targets: none").isNaN();
        assertThat(figures(db, "rolling_60m", "all", "all")[0])
                .as("the minute ahead of now is not in the last hour")
                .isEqualTo(15);

        // today so far: the minutes of this business day up to now; not the minute ahead, not the day before yesterday
        long expectedToday = 0;
        for (QueueMinuteRow r : List.of(tenMinutesAgo, chat, anHourAndMoreAgo)) {
            expectedToday +=
                    UTC.businessDate(Instant.ofEpochMilli(r.minuteStartMs)).equals(today) ? r.counts.answered : 0;
        }
        assertThat(figures(db, "today", "all", "all")[0]).isEqualTo(expectedToday);

        insert(
                db,
                ServiceLevelTables.QUEUE_LIVE,
                List.of(
                        new QueueLiveRow(
                                "billing",
                                Channel.VOICE,
                                5,
                                now.minusSeconds(90).toEpochMilli(),
                                now.minusSeconds(2).toEpochMilli()),
                        new QueueLiveRow(
                                "billing",
                                Channel.VOICE,
                                3,
                                Instant.now().minusSeconds(40).toEpochMilli(),
                                now.toEpochMilli()),
                        new QueueLiveRow("billing", Channel.CHAT, 0, null, now.toEpochMilli()),
                        // the last word of a run that stopped 5 minutes ago: its contacts no longer count
                        new QueueLiveRow(
                                "sales",
                                Channel.VOICE,
                                4,
                                Instant.now().minusSeconds(900).toEpochMilli(),
                                Instant.now().minusSeconds(300).toEpochMilli())));
        try (Connection c = db.open();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT waiting, oldest_wait_s FROM queue_live_now WHERE queue = 'billing' AND channel = 'all'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1))
                    .as("the newest row of each queue and channel")
                    .isEqualTo(3);
            assertThat(rs.getLong(2)).isBetween(39L, 60L);
        }
        try (Connection c = db.open();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT queue, waiting, oldest_wait_s FROM queue_live_now WHERE channel = 'all' "
                                + "AND queue IN ('sales', 'all') ORDER BY queue")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("all");
            assertThat(rs.getLong(2))
                    .as("the whole center: only what a running job vouches for")
                    .isEqualTo(3);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("a stale queue keeps its row").isEqualTo("sales");
            assertThat(rs.getLong(2)).as("stale waiting contacts do not count").isZero();
            rs.getLong(3);
            assertThat(rs.wasNull()).as("and give no oldest wait").isTrue();
        }
    }

    /** answered, service level (NaN when NULL), target (NaN when NULL) of one queue_now row. */
    private static double[] figures(ClickHouseAccess db, String window, String queue, String channel) throws Exception {
        try (Connection c = db.open();
                PreparedStatement st = c.prepareStatement(
                        "SELECT answered, ifNull(service_level, nan), ifNull(sl_target, nan) FROM queue_now WHERE window = ? AND queue = ? AND channel = ?")) {
            st.setString(1, window);
            st.setString(2, queue);
            st.setString(3, channel);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as(window + " " + queue + " " + channel).isTrue();
                return new double[] {rs.getLong(1), rs.getDouble(2), rs.getDouble(3)};
            }
        }
    }

    private static QueueCounts counts(
            long answered, long answeredInSl, long abandoned, long shortAbandoned, long abandonedInSl) {
        QueueCounts c = new QueueCounts();
        c.answered = answered;
        c.answeredInSl = answeredInSl;
        c.abandoned = abandoned;
        c.shortAbandoned = shortAbandoned;
        c.abandonedInSl = abandonedInSl;
        c.facts = answered + abandoned;
        return c;
    }

    private static QueueMinuteRow row(
            String queue, Channel channel, Instant minute, QueueCounts counts, QueueRules rules) {
        return new QueueMinuteRow(
                queue,
                channel,
                minute.toEpochMilli(),
                UTC.intervalStart(minute).toEpochMilli(),
                UTC.businessDate(minute).toEpochDay(),
                counts,
                rules);
    }

    private static <T> void insert(ClickHouseAccess db, RowBinder<T> binder, List<T> rows) throws Exception {
        try (Connection c = db.open();
                PreparedStatement st = c.prepareStatement(binder.insertSql())) {
            for (T row : rows) {
                binder.bind(row, st);
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
