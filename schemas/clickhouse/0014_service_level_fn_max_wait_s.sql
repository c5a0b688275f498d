-- Max wait in seconds from the longest wait in milliseconds.
CREATE FUNCTION IF NOT EXISTS ccpulse_max_wait_s AS
    (max_wait_ms) -> max_wait_ms / 1000
