-- Churn alerts of the customer-value job: one row per alert event (OPENED, ESCALATED, RESOLVED), the same
-- events as on the Kafka topic churn-alerts. alert_id is stable per overdue episode (customer and the
-- moment the alert fell due), event_id per event (alert_id and status, an escalation's its reasons), so a
-- replay writes the same rows. tier is the tier the alert was opened with; f, tm, m, p_days, r_days and
-- delta_days are the customer's figures at ts; escalation_reasons is empty unless ESCALATED.
CREATE TABLE IF NOT EXISTS churn_alerts
(
    alert_id            String,
    event_id            String,
    customer_id         String,
    status              LowCardinality(String),
    ts                  DateTime64(3, 'UTC'),
    opened_at           DateTime64(3, 'UTC'),
    tier                LowCardinality(String),
    f                   UInt32,
    tm                  Decimal(18, 4),
    m                   Decimal(18, 4),
    p_days              Float64,
    r_days              Float64,
    delta_days          Float64,
    escalation_reasons  Array(LowCardinality(String)),
    written_at          DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(written_at)
PARTITION BY toYYYYMM(opened_at)
ORDER BY (customer_id, alert_id, event_id)
TTL toDateTime(opened_at) + INTERVAL 800 DAY
