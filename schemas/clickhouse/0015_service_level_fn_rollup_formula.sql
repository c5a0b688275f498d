-- Aggregate, for roll-ups over queues or channels: the service-level formula of the rows when they
-- all use one, else METRICS.md's default `answered`. Use in a GROUP BY query, on the rows' sl_formula.
CREATE FUNCTION IF NOT EXISTS ccpulse_rollup_formula AS
    (sl_formula) -> if(uniqExact(sl_formula) = 1, any(sl_formula), 'answered')
