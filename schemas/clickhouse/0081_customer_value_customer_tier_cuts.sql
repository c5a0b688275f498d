-- The tier cut-points over time (the job's recomputations, settled): as_of, customers ranked (F >= 1) and
-- the least TM of each tier but `low`, with the nominal size of each tier at that moment (1 %, 4 %, 15 %
-- and the rest of the customers ranked).
CREATE VIEW IF NOT EXISTS customer_tier_cuts AS
SELECT
    as_of, customers, top_min_tm, high_min_tm, mid_min_tm,
    round(customers * 0.01)                                    AS top_customers,
    round(customers * 0.05) - round(customers * 0.01)          AS high_customers,
    round(customers * 0.20) - round(customers * 0.05)          AS mid_customers,
    customers - round(customers * 0.20)                        AS low_customers
FROM customer_tier_cut_points FINAL
