-- Queue figures per queue x channel x UTC minute, written by the service-level job every few
-- seconds while the minute is open. `version` counts the facts behind the row, so a rewrite after
-- a restart never replaces a fuller row with an emptier one; reads collapse with FINAL.
-- Intervals, rolling windows and business days are sums of minutes (every zone offset is whole minutes).
CREATE TABLE IF NOT EXISTS queue_minute
(
    queue            LowCardinality(String),
    channel          LowCardinality(String),
    minute_start     DateTime('UTC'),
    interval_start   DateTime('UTC'),
    business_date    Date,
    answered         UInt32,
    answered_in_sl   UInt32,
    abandoned        UInt32,
    short_abandoned  UInt32,
    abandoned_in_sl  UInt32,
    answered_wait_ms UInt64,
    max_wait_ms      UInt64,
    handled          UInt32,
    handle_ms        UInt64,
    sl_threshold_s   UInt32,
    short_abandon_s  UInt32,
    sl_target        Float64,
    sl_formula       LowCardinality(String),
    version          UInt64,
    written_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(minute_start)
ORDER BY (queue, channel, minute_start)
TTL minute_start + INTERVAL 400 DAY
