-- The value tiers' cut-points over the customers with F >= 1, as the customer-value job computed them (a
-- KLL sketch of TM per subtask, merged): the least TM of `top` (the 0.99 quantile), `high` (0.95) and
-- `mid` (0.80), the number of customers ranked and the job's event time they are as of. One row each time
-- the job recomputes them (an event-time tick, at most once per its minimum processing-time interval,
-- and once at the end of a bounded input). A customer's tier: top when tm >= top_min_tm, else high when
-- tm >= high_min_tm, else mid when tm >= mid_min_tm, else low.
CREATE TABLE IF NOT EXISTS customer_tier_cut_points
(
    as_of        DateTime64(3, 'UTC'),
    customers    UInt64,
    top_min_tm   Decimal(18, 4),
    high_min_tm  Decimal(18, 4),
    mid_min_tm   Decimal(18, 4),
    written_at   DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(written_at)
ORDER BY as_of
TTL toDateTime(as_of) + INTERVAL 800 DAY
