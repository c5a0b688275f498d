-- Every record a job rejected (EVENTS.md "dead-letters"), for auditing bad input from Grafana/SQL.
-- Keyed by the record's Kafka coordinates, so a job replaying after a restart rewrites the same rows.
CREATE TABLE IF NOT EXISTS dead_letters
(
    source_topic LowCardinality(String),
    partition    Int32,
    offset       Int64,
    problem      LowCardinality(String),
    field        LowCardinality(String),
    reason       String,
    raw_value    String,
    rejected_at  DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY (source_topic, partition, offset)
TTL toDateTime(rejected_at) + INTERVAL 90 DAY
