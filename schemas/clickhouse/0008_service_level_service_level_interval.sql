-- The public view of METRICS.md, exactly its columns: settled service-level figures per
-- queue x channel x interval.
CREATE VIEW IF NOT EXISTS service_level_interval AS
SELECT
    queue, channel, interval_start,
    answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl,
    service_level, asa_s, abandon_rate, max_wait_s,
    sl_threshold_s, sl_formula
FROM queue_interval
