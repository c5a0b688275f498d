-- Aggregate, for roll-ups over queues or channels: a rule (target, threshold) when all rows have the
-- same, else NULL rather than an invented one. Use in a GROUP BY query.
CREATE FUNCTION IF NOT EXISTS ccpulse_rollup_rule AS
    (rule) -> if(uniqExact(rule) = 1, any(rule), NULL)
