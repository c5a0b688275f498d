-- queue_now as in 0009: wallboard figures of the last 60 minutes and of today so far, both up to now
-- (a source clock running ahead adds no future minutes), per queue x channel, per queue
-- (channel = 'all') and for the whole center (queue = 'all'). Same columns, same meaning; today now
-- comes from business_today (0011), rates and roll-up rules from the shared functions: mixed
-- formulas fall back to METRICS.md's default `answered`, mixed targets and thresholds to NULL.
CREATE OR REPLACE VIEW queue_now AS
SELECT
    window, queue, channel,
    answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl,
    ccpulse_service_level(sl_formula, answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl) AS service_level,
    sl_target,
    ccpulse_asa_s(answered_wait_ms, answered)                  AS asa_s,
    ccpulse_abandon_rate(answered, abandoned, short_abandoned) AS abandon_rate,
    ccpulse_max_wait_s(max_wait_ms)                            AS max_wait_s,
    handled,
    ccpulse_aht_s(handle_ms, handled)                          AS aht_s,
    sl_threshold_s, sl_formula
FROM
(
    SELECT
        window,
        if(grouping(m.queue) = 1, 'all', m.queue)     AS queue,
        if(grouping(m.channel) = 1, 'all', m.channel) AS channel,
        sum(m.answered)         AS answered,
        sum(m.answered_in_sl)   AS answered_in_sl,
        sum(m.abandoned)        AS abandoned,
        sum(m.short_abandoned)  AS short_abandoned,
        sum(m.abandoned_in_sl)  AS abandoned_in_sl,
        sum(m.answered_wait_ms) AS answered_wait_ms,
        max(m.max_wait_ms)      AS max_wait_ms,
        sum(m.handled)          AS handled,
        sum(m.handle_ms)        AS handle_ms,
        ccpulse_rollup_formula(m.sl_formula)  AS sl_formula,
        ccpulse_rollup_rule(m.sl_target)      AS sl_target,
        ccpulse_rollup_rule(m.sl_threshold_s) AS sl_threshold_s
    FROM queue_minute AS m FINAL
    ARRAY JOIN ['rolling_60m', 'today'] AS window
    -- first a range of the sorting key (the earliest minute either window needs, up to now), so the
    -- scan stays small however long the history; then each window's own rows
    WHERE m.minute_start >= least(now() - INTERVAL 60 MINUTE, ifNull((SELECT day_start FROM business_today), now()))
      AND m.minute_start <= now()
      AND ((window = 'rolling_60m' AND m.minute_start > now() - INTERVAL 60 MINUTE)
        OR (window = 'today' AND m.business_date = (SELECT business_date FROM business_today)))
    GROUP BY GROUPING SETS ((window, m.queue, m.channel), (window, m.queue), (window))
)
