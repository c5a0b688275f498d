-- First-contact resolution: one row per (first contact, repeat), where the repeat is the customer's
-- next inbound contact (QUEUED, no parent_contact_id, any channel or queue) started after the first
-- contact completed and within the longest configured window. Written by the first-contact-resolution
-- job when the repeat starts (version 0, repeat_reason '' as it is not known yet) and again when the
-- repeat completes with its reason (version 1). delay_s = repeat_started_at - first_completed_at.
CREATE TABLE IF NOT EXISTS fcr_repeat_contacts
(
    first_business_date  Date,
    first_contact_id     String,
    repeat_contact_id    String,
    customer_id          String,
    first_completed_at   DateTime64(3, 'UTC'),
    repeat_started_at    DateTime64(3, 'UTC'),
    delay_s              Float64,
    first_queue          LowCardinality(String),
    first_channel        LowCardinality(String),
    first_team           LowCardinality(String),
    first_agent_id       String,
    first_reason         LowCardinality(String),
    first_agent_resolved UInt8,
    repeat_queue         LowCardinality(String),
    repeat_channel       LowCardinality(String),
    repeat_reason        LowCardinality(String),
    channel_changed      UInt8,
    version              UInt8,
    written_at           DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(first_business_date)
ORDER BY (first_business_date, first_contact_id, repeat_contact_id)
TTL first_business_date + INTERVAL 400 DAY
