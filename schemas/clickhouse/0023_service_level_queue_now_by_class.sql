-- The wallboard's figures per channel class: real-time channels (voice, callback, video, chat: a
-- customer on the line, thresholds of seconds) and deferred ones (email, social, sms: thresholds of
-- minutes to hours) are never summed together. The one place a channel's class is decided is the
-- `channel_class` expression below.
-- Windows and figures as in queue_now (rolling_60m and today, up to now, from queue_minute FINAL with
-- the shared functions and roll-up rules), per queue x class and center-wide (queue = 'all'); live
-- state as in queue_live_now (its 90 s rule included), rolled up the same way and repeated in both
-- windows: waiting (sum), oldest_wait_s (the oldest of the class). A class row exists when the class
-- counted a contact in the window or has a live row.
-- Against the row's own target, never a fixed one: sl_vs_target = service_level - sl_target (NULL
-- when nothing counted or the rows' targets differ); sl_status 'on target' (>= 0), 'near target'
-- (within 5 points below), 'below target', 'no contacts' (no service level), 'no common target'.
CREATE VIEW IF NOT EXISTS queue_now_by_class AS
SELECT
    window, queue, channel_class,
    answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl,
    ccpulse_service_level(sl_formula, answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl) AS service_level,
    sl_target,
    service_level - sl_target AS sl_vs_target,
    multiIf(service_level IS NULL, 'no contacts',
            sl_target IS NULL, 'no common target',
            sl_vs_target >= 0, 'on target',
            sl_vs_target >= -0.05, 'near target',
            'below target') AS sl_status,
    ccpulse_asa_s(answered_wait_ms, answered)                  AS asa_s,
    ccpulse_abandon_rate(answered, abandoned, short_abandoned) AS abandon_rate,
    ccpulse_max_wait_s(max_wait_ms)                            AS max_wait_s,
    handled,
    ccpulse_aht_s(handle_ms, handled)                          AS aht_s,
    sl_threshold_s, sl_formula,
    waiting, oldest_wait_s
FROM
(
    SELECT
        c.window                                  AS window,
        if(grouping(c.queue) = 1, 'all', c.queue) AS queue,
        c.channel_class                           AS channel_class,
        sum(c.answered)         AS answered,
        sum(c.answered_in_sl)   AS answered_in_sl,
        sum(c.abandoned)        AS abandoned,
        sum(c.short_abandoned)  AS short_abandoned,
        sum(c.abandoned_in_sl)  AS abandoned_in_sl,
        sum(c.answered_wait_ms) AS answered_wait_ms,
        max(c.max_wait_ms)      AS max_wait_ms,
        sum(c.handled)          AS handled,
        sum(c.handle_ms)        AS handle_ms,
        -- live rows carry NULL rules, which the roll-up functions skip
        ccpulse_rollup_formula(c.sl_formula)  AS sl_formula,
        ccpulse_rollup_rule(c.sl_target)      AS sl_target,
        ccpulse_rollup_rule(c.sl_threshold_s) AS sl_threshold_s,
        sum(c.waiting)                        AS waiting,
        max(c.oldest_wait_s)                  AS oldest_wait_s
    FROM
    (
        SELECT
            u.*,
            if(u.channel IN ('email', 'social', 'sms'), 'deferred', 'real-time') AS channel_class
        FROM
        (
            SELECT
                window,
                toString(m.queue)   AS queue,
                toString(m.channel) AS channel,
                toUInt64(m.answered)        AS answered,
                toUInt64(m.answered_in_sl)  AS answered_in_sl,
                toUInt64(m.abandoned)       AS abandoned,
                toUInt64(m.short_abandoned) AS short_abandoned,
                toUInt64(m.abandoned_in_sl) AS abandoned_in_sl,
                toUInt64(m.answered_wait_ms) AS answered_wait_ms,
                toUInt64(m.max_wait_ms)      AS max_wait_ms,
                toUInt64(m.handled)          AS handled,
                toUInt64(m.handle_ms)        AS handle_ms,
                CAST(toString(m.sl_formula) AS Nullable(String)) AS sl_formula,
                CAST(m.sl_target AS Nullable(Float64))           AS sl_target,
                CAST(m.sl_threshold_s AS Nullable(UInt32))       AS sl_threshold_s,
                toUInt64(0)                                      AS waiting,
                CAST(NULL AS Nullable(Int64))                    AS oldest_wait_s
            FROM queue_minute AS m FINAL
            ARRAY JOIN ['rolling_60m', 'today'] AS window
            -- the window rules of queue_now (0018): a range of the sorting key first, then each window's rows
            WHERE m.minute_start >= least(now() - INTERVAL 60 MINUTE, ifNull((SELECT day_start FROM business_today), now()))
              AND m.minute_start <= now()
              AND ((window = 'rolling_60m' AND m.minute_start > now() - INTERVAL 60 MINUTE)
                OR (window = 'today' AND m.business_date = (SELECT business_date FROM business_today)))
            UNION ALL
            SELECT
                window,
                toString(l.queue)   AS queue,
                toString(l.channel) AS channel,
                toUInt64(0) AS answered,
                toUInt64(0) AS answered_in_sl,
                toUInt64(0) AS abandoned,
                toUInt64(0) AS short_abandoned,
                toUInt64(0) AS abandoned_in_sl,
                toUInt64(0) AS answered_wait_ms,
                toUInt64(0) AS max_wait_ms,
                toUInt64(0) AS handled,
                toUInt64(0) AS handle_ms,
                CAST(NULL AS Nullable(String))  AS sl_formula,
                CAST(NULL AS Nullable(Float64)) AS sl_target,
                CAST(NULL AS Nullable(UInt32))  AS sl_threshold_s,
                toUInt64(l.waiting)                     AS waiting,
                CAST(l.oldest_wait_s AS Nullable(Int64)) AS oldest_wait_s
            FROM queue_live_now AS l
            ARRAY JOIN ['rolling_60m', 'today'] AS window
            WHERE l.queue != 'all' AND l.channel != 'all'
        ) AS u
    ) AS c
    GROUP BY GROUPING SETS ((c.window, c.queue, c.channel_class), (c.window, c.channel_class))
)
