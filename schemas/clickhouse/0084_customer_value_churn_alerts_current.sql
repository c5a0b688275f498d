-- Each customer's latest churn alert (METRICS.md, the public view): exactly customer_id, status, tier,
-- opened_at, r_days, p_days, tm, escalation_reasons. status is that of its latest event (OPENED, ESCALATED
-- or RESOLVED); tier the one it was opened with; escalation_reasons every reason its escalations gave
-- (empty if none). r_days, p_days and tm are the customer's now (customer_rfm) while the alert is open, so R grows
-- as time passes; those of the resolving purchase once RESOLVED.
CREATE VIEW IF NOT EXISTS churn_alerts_current AS
SELECT
    a.customer_id                                                  AS customer_id,
    a.status                                                       AS status,
    a.tier                                                         AS tier,
    a.opened_at                                                    AS opened_at,
    if(a.status = 'RESOLVED' OR r.customer_id = '', a.r_days, r.r_days) AS r_days,
    if(a.status = 'RESOLVED' OR r.customer_id = '', a.p_days, r.p_days) AS p_days,
    if(a.status = 'RESOLVED' OR r.customer_id = '', a.tm, r.tm)         AS tm,
    a.reasons                                                      AS escalation_reasons
FROM
(
    SELECT
        customer_id, status, tier, opened_at, r_days, p_days, tm,
        arrayDistinct(arrayFlatten(groupArray(escalation_reasons) OVER (PARTITION BY alert_id))) AS reasons
    FROM churn_alerts FINAL
    ORDER BY customer_id, opened_at DESC, ts DESC, indexOf(['OPENED', 'ESCALATED', 'RESOLVED'], status) DESC
    LIMIT 1 BY customer_id
) AS a
LEFT JOIN customer_rfm AS r ON r.customer_id = a.customer_id
