-- Abandon rate (METRICS.md): (abandoned - short_abandoned) / (answered + abandoned - short_abandoned).
CREATE FUNCTION IF NOT EXISTS ccpulse_abandon_rate AS
    (answered, abandoned, short_abandoned) ->
    (abandoned - short_abandoned) / nullIf(answered + abandoned - short_abandoned, 0)
