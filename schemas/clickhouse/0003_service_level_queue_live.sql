-- Live queue state per queue x channel: contacts waiting now and the earliest queued_at among
-- them. The job rewrites a row every few seconds while it changes; the newest (as_of) wins.
CREATE TABLE IF NOT EXISTS queue_live
(
    queue            LowCardinality(String),
    channel          LowCardinality(String),
    waiting          UInt32,
    oldest_queued_at Nullable(DateTime64(3, 'UTC')),
    as_of            DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(as_of)
ORDER BY (queue, channel)
