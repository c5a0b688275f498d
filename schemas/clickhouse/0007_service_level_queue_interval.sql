-- Every queue figure per queue x channel x interval (settled: FINAL collapses rewrites), with the
-- sums behind each rate, for the managers' dashboard and for anyone auditing a figure.
CREATE VIEW IF NOT EXISTS queue_interval AS
SELECT
    queue, channel, interval_start, business_date,
    answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl,
    ccpulse_service_level(sl_formula, answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl) AS service_level,
    sl_target,
    answered_wait_ms / nullIf(answered, 0) / 1000 AS asa_s,
    ccpulse_abandon_rate(answered, abandoned, short_abandoned) AS abandon_rate,
    max_wait_ms / 1000 AS max_wait_s,
    handled,
    handle_ms / nullIf(handled, 0) / 1000 AS aht_s,
    answered_wait_ms, handle_ms,
    sl_threshold_s, short_abandon_s, sl_formula
FROM
(
    SELECT
        queue, channel, interval_start,
        any(business_date)                AS business_date,
        sum(m.answered)                   AS answered,
        sum(m.answered_in_sl)             AS answered_in_sl,
        sum(m.abandoned)                  AS abandoned,
        sum(m.short_abandoned)            AS short_abandoned,
        sum(m.abandoned_in_sl)            AS abandoned_in_sl,
        sum(m.answered_wait_ms)           AS answered_wait_ms,
        max(m.max_wait_ms)                AS max_wait_ms,
        sum(m.handled)                    AS handled,
        sum(m.handle_ms)                  AS handle_ms,
        -- the rules in force at the end of the interval (they change only by configuration)
        argMax(m.sl_threshold_s, minute_start)  AS sl_threshold_s,
        argMax(m.short_abandon_s, minute_start) AS short_abandon_s,
        argMax(m.sl_target, minute_start)       AS sl_target,
        argMax(m.sl_formula, minute_start)      AS sl_formula
    FROM queue_minute AS m FINAL
    GROUP BY queue, channel, interval_start
)
