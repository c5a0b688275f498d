-- Wallboard figures: the last 60 minutes and today so far, both up to now (a source clock running ahead adds no future minutes) (business day of the business zone),
-- per queue x channel, per queue (channel = 'all') and for the whole center (queue = 'all').
-- A roll-up keeps the formula and target of its rows when they agree; mixed formulas fall back
-- to METRICS.md's default `answered`, mixed targets to NULL.
CREATE VIEW IF NOT EXISTS queue_now AS
SELECT
    window, queue, channel,
    answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl,
    ccpulse_service_level(sl_formula, answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl) AS service_level,
    sl_target,
    answered_wait_ms / nullIf(answered, 0) / 1000 AS asa_s,
    ccpulse_abandon_rate(answered, abandoned, short_abandoned) AS abandon_rate,
    max_wait_ms / 1000 AS max_wait_s,
    handled,
    handle_ms / nullIf(handled, 0) / 1000 AS aht_s,
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
        if(uniqExact(m.sl_formula) = 1, any(m.sl_formula), 'answered')              AS sl_formula,
        if(uniqExact(m.sl_target) = 1, any(m.sl_target), NULL)                      AS sl_target,
        if(uniqExact(m.sl_threshold_s) = 1, any(m.sl_threshold_s), NULL)            AS sl_threshold_s
    FROM queue_minute AS m FINAL
    ARRAY JOIN ['rolling_60m', 'today'] AS window
    -- first a range of the sorting key (the earliest minute either window needs, up to now), so the
    -- scan stays small however long the history; then each window's own rows
    WHERE m.minute_start >= least(now() - INTERVAL 60 MINUTE,
              ifNull((SELECT min(day_start) FROM business_days FINAL WHERE now() >= day_start AND now() < day_end), now()))
      AND m.minute_start <= now()
      AND ((window = 'rolling_60m' AND m.minute_start > now() - INTERVAL 60 MINUTE)
        OR (window = 'today' AND m.business_date =
              (SELECT any(business_date) FROM business_days FINAL WHERE now() >= day_start AND now() < day_end)))
    GROUP BY GROUPING SETS ((window, m.queue, m.channel), (window, m.queue), (window))
)
