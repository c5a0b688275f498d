-- One row per complaint (ticket with category complaint), written by the complaints job each time its
-- lifecycle changes: when it was opened (and its business date), its attribution at opening, deadline,
-- first resolution, close, reopens and current status (`open`, `resolved`, `closed`; a reopened
-- complaint is `open` again). `version` counts the ticket's events applied, so the newest state wins and
-- a replay writes the same rows; reads collapse with FINAL. Resolution time = first_resolved_at - opened_at.
CREATE TABLE IF NOT EXISTS complaint_lifecycle
(
    business_date     Date,
    ticket_id         String,
    customer_id       String,
    opened_at         DateTime64(3, 'UTC'),
    cause             LowCardinality(String),
    cause_group       LowCardinality(String),
    product           LowCardinality(String),
    department        LowCardinality(String),
    channel           LowCardinality(String),
    severity          LowCardinality(String),
    due_at            Nullable(DateTime64(3, 'UTC')),
    first_resolved_at Nullable(DateTime64(3, 'UTC')),
    closed_at         Nullable(DateTime64(3, 'UTC')),
    reopens           UInt16,
    status            LowCardinality(String),
    version           UInt32,
    written_at        DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(business_date)
ORDER BY (business_date, ticket_id)
TTL business_date + INTERVAL 400 DAY
