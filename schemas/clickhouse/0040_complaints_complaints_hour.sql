-- Complaints per UTC hour, written by the complaints job: complaints (tickets OPENED with category
-- complaint) and reopens (REOPENED of a complaint, in the hour of the reopening), by cause, cause group
-- (the cause's first segment), product, department and channel. A missing optional field is the value
-- 'not given' (never dropped). business_date is the business day of the hour's events (the business
-- zone's local date; an hour of a zone with a half-hour offset can have two rows, one per date).
-- `version` counts the events behind the row, so a rewrite after a restart never replaces a fuller row
-- with an emptier one; reads collapse with FINAL.
CREATE TABLE IF NOT EXISTS complaints_hour
(
    hour_start    DateTime('UTC'),
    business_date Date,
    cause         LowCardinality(String),
    cause_group   LowCardinality(String),
    product       LowCardinality(String),
    department    LowCardinality(String),
    channel       LowCardinality(String),
    complaints    UInt32,
    reopens       UInt32,
    version       UInt64,
    written_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(hour_start)
ORDER BY (hour_start, business_date, cause, product, department, channel)
TTL hour_start + INTERVAL 400 DAY
