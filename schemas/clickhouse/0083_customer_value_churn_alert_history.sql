-- Every churn alert event (settled): the same as the churn-alerts topic, newest first per customer.
CREATE VIEW IF NOT EXISTS churn_alert_history AS
SELECT
    alert_id, event_id, customer_id, status, ts, opened_at, tier,
    f, tm, m, p_days, r_days, delta_days, escalation_reasons
FROM churn_alerts FINAL
ORDER BY customer_id, ts DESC, indexOf(['OPENED', 'ESCALATED', 'RESOLVED'], status) DESC
