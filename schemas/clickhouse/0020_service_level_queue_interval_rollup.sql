-- The managers' trend figures per interval over the queues and channels a dashboard has selected:
-- per queue (its selected channels summed) and for all the selected queues together (queue = 'all').
-- A parameterized view: FROM queue_interval_rollup(queues = ['billing', 'sales'], channels = ['voice']).
-- The figures of queue_now, per interval_start (with its business_date) instead of per window; roll-ups
-- take the rows' formula when they agree, else `answered`, and target and threshold only when they agree.
CREATE VIEW IF NOT EXISTS queue_interval_rollup AS
SELECT
    interval_start, business_date, queue,
    answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl,
    ccpulse_service_level(sl_formula, answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl) AS service_level,
    sl_target,
    ccpulse_asa_s(answered_wait_ms, answered)                  AS asa_s,
    ccpulse_abandon_rate(answered, abandoned, short_abandoned) AS abandon_rate,
    max_wait_s,
    handled,
    ccpulse_aht_s(handle_ms, handled)                          AS aht_s,
    sl_threshold_s, sl_formula
FROM
(
    SELECT
        i.interval_start        AS interval_start,
        any(i.business_date)    AS business_date,
        rollup_queue            AS queue,
        sum(i.answered)         AS answered,
        sum(i.answered_in_sl)   AS answered_in_sl,
        sum(i.abandoned)        AS abandoned,
        sum(i.short_abandoned)  AS short_abandoned,
        sum(i.abandoned_in_sl)  AS abandoned_in_sl,
        sum(i.answered_wait_ms) AS answered_wait_ms,
        max(i.max_wait_s)       AS max_wait_s,
        sum(i.handled)          AS handled,
        sum(i.handle_ms)        AS handle_ms,
        ccpulse_rollup_formula(i.sl_formula)  AS sl_formula,
        ccpulse_rollup_rule(i.sl_target)      AS sl_target,
        ccpulse_rollup_rule(i.sl_threshold_s) AS sl_threshold_s
    FROM queue_interval AS i
    -- each row counts for its queue and for all the selected queues: one plain GROUP BY, so that a
    -- filter on interval_start reaches the rows before they are summed (GROUPING SETS would stop it)
    ARRAY JOIN [toString(i.queue), 'all'] AS rollup_queue
    WHERE has({queues:Array(String)}, i.queue) AND has({channels:Array(String)}, i.channel)
    GROUP BY i.interval_start, rollup_queue
)
