-- customer_tier_cuts with each tier's size as the cut-points make it (replaces 0081, same columns): a cut is
-- the EXCLUSIVE quantile of its rank r, the (floor(r x N) + 1)-th smallest TM, so N - floor(0.99 N) customers
-- are top, floor(0.99 N) - floor(0.95 N) high, floor(0.95 N) - floor(0.80 N) mid and floor(0.80 N) low (ties
-- aside), in integer arithmetic (0.95 x 300 is 284.99999999999997 in floating point). 0081 rounded r x N, one
-- customer off for some N (50 customers: 0 top by rounding, 1 by the cut).
CREATE OR REPLACE VIEW customer_tier_cuts AS
SELECT
    as_of, customers, top_min_tm, high_min_tm, mid_min_tm,
    customers - intDiv(customers * 99, 100)                    AS top_customers,
    intDiv(customers * 99, 100) - intDiv(customers * 95, 100)  AS high_customers,
    intDiv(customers * 95, 100) - intDiv(customers * 80, 100)  AS mid_customers,
    intDiv(customers * 80, 100)                                AS low_customers
FROM customer_tier_cut_points FINAL
