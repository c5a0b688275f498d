-- AHT in seconds (METRICS.md): summed handle times / handled contacts; NULL when none handled.
CREATE FUNCTION IF NOT EXISTS ccpulse_aht_s AS
    (handle_ms, handled) -> handle_ms / nullIf(handled, 0) / 1000
