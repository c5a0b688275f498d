-- The customer-value job's current event time: the latest of its tier cut-points' as_of and of its customers'
-- changes (one row; 1970-01-01 before the job wrote anything). R is measured up to it, so r_days grows as
-- event time passes, not only when a customer acts.
CREATE VIEW IF NOT EXISTS customer_value_as_of AS
SELECT greatest(
    (SELECT max(as_of) FROM customer_tier_cut_points),
    (SELECT max(changed_at) FROM customer_rfm_state)) AS as_of
