-- Service level by the formula named in the row (METRICS.md); NULL when its denominator is 0.
-- One definition for every view. Unknown formula names fall back to the default, `answered`.
CREATE FUNCTION IF NOT EXISTS ccpulse_service_level AS
    (formula, answered, answered_in_sl, abandoned, short_abandoned, abandoned_in_sl) ->
    multiIf(
        formula = 'removed', (answered_in_sl + abandoned_in_sl) / nullIf(answered + abandoned, 0),
        formula = 'answered-only', answered_in_sl / nullIf(answered, 0),
        answered_in_sl / nullIf(answered + abandoned - short_abandoned, 0))
