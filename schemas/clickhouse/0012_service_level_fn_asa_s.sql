-- ASA in seconds (METRICS.md): summed waits of answered contacts / answered; NULL when none answered.
CREATE FUNCTION IF NOT EXISTS ccpulse_asa_s AS
    (answered_wait_ms, answered) -> answered_wait_ms / nullIf(answered, 0) / 1000
