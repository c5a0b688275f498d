-- Business days of the configured business time zone as UTC ranges (23, 24 or 25 hours long),
-- written by the service-level job at start, so views can tell "today" without knowing the zone.
CREATE TABLE IF NOT EXISTS business_days
(
    business_date Date,
    day_start     DateTime('UTC'),
    day_end       DateTime('UTC'),
    zone          LowCardinality(String)
)
ENGINE = ReplacingMergeTree
ORDER BY business_date
