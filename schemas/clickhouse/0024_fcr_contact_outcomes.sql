-- First-contact resolution: one row per eligible contact (inbound COMPLETED, with customer_id, no
-- parent_contact_id) and configured window, written by the first-contact-resolution job. A contact is
-- written `pending` when it completes and rewritten once when it settles: `repeat` as soon as the
-- customer's next inbound contact starts within the window, `resolved` when event time passes
-- completed_at + window + allowed lateness. `version` is 0 for pending and 1 for settled, so a replay
-- writes the same rows and a settled row is never replaced by a pending one; reads collapse with FINAL.
-- Attribution is C's own: business_date (of completed_at in the business zone), queue, channel, team,
-- agent_id, reason ('' when the contact gave none) and the agent's disposition (agent_resolved).
CREATE TABLE IF NOT EXISTS fcr_contact_outcomes
(
    business_date     Date,
    window            LowCardinality(String),
    contact_id        String,
    customer_id       String,
    completed_at      DateTime64(3, 'UTC'),
    queue             LowCardinality(String),
    channel           LowCardinality(String),
    team              LowCardinality(String),
    agent_id          String,
    reason            LowCardinality(String),
    agent_resolved    UInt8,
    status            LowCardinality(String),
    repeat_contact_id String,
    repeat_started_at Nullable(DateTime64(3, 'UTC')),
    version           UInt8,
    written_at        DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(business_date)
ORDER BY (business_date, window, contact_id)
TTL business_date + INTERVAL 400 DAY
