-- Complaint spikes raised by the complaints job, per cause (level 'cause') and per cause group (level
-- 'cause_group'): one row when a spike opens and one when it closes, with the same spike_id (stable per
-- episode, so a replay writes the same rows). hour_start is the hour the row speaks of (the opening hour,
-- or the first hour back to normal); observed, expected, bound and score are that hour's figures
-- (score = -log10 of the chance of at least `observed` complaints under the baseline). The same events go
-- to the Kafka topic complaint-spikes.
CREATE TABLE IF NOT EXISTS complaint_spikes
(
    spike_id      String,
    level         LowCardinality(String),
    key           LowCardinality(String),
    status        LowCardinality(String),
    hour_start    DateTime('UTC'),
    opened_hour   DateTime('UTC'),
    observed      UInt32,
    expected      Float64,
    bound         UInt32,
    score         Float64,
    written_at    DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(written_at)
PARTITION BY toYYYYMM(opened_hour)
ORDER BY (spike_id, status)
TTL opened_hour + INTERVAL 400 DAY
