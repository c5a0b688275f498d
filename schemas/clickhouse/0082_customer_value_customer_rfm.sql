-- Customer value (METRICS.md "Customer value (RFM) and churn alerts", the public view): exactly customer_id,
-- f, tm, m, p_days, r_days, delta_days, tier, as_of, for every customer with F >= 1 as of the job's current
-- event time (customer_value_as_of): M = TM / F, P = 365 / F days, R = days from the last purchase to as_of,
-- delta = P - R (negative when overdue), the tier by the latest cut-points (customer_tier_cut_points; empty
-- before the job computed any).
CREATE VIEW IF NOT EXISTS customer_rfm AS
WITH
    (SELECT as_of FROM customer_value_as_of) AS now_at,
    (SELECT tuple(top_min_tm, high_min_tm, mid_min_tm)
     FROM customer_tier_cut_points FINAL ORDER BY as_of DESC LIMIT 1) AS cuts
SELECT
    customer_id,
    f,
    tm,
    toDecimal64(tm / f, 4)                                                         AS m,
    365 / f                                                                        AS p_days,
    greatest(0, dateDiff('millisecond', last_purchase_at, now_at) / 86400000)     AS r_days,
    p_days - r_days                                                                AS delta_days,
    if(cuts IS NULL, '',
       multiIf(tm >= cuts.1, 'top', tm >= cuts.2, 'high', tm >= cuts.3, 'mid', 'low')) AS tier,
    now_at                                                                         AS as_of
FROM customer_rfm_state FINAL
WHERE f >= 1
