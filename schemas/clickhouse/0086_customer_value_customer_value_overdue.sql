-- The customers overdue now (METRICS.md "Customer value (RFM) and churn alerts": delta = P - R below 0, i.e.
-- R > P), of every tier, one row each, for the account teams' dashboard: the figures of customer_rfm (as of
-- the job's current event time) with how overdue they are, overdue_days = R - P (days past the customer's
-- average purchase period) and overdue_ratio = R / P (1.5: half a period late), and the customer's open
-- churn alert if there is one (churn_alerts_current with status OPENED or ESCALATED): alert_status, when it
-- opened and every reason its escalations gave. Without an open alert alert_status is '', alert_opened_at
-- NULL and escalation_reasons empty: the tier is not alerted, F is below the minimum, or R has not yet
-- crossed k x P (k > 1).
CREATE VIEW IF NOT EXISTS customer_value_overdue AS
SELECT
    r.customer_id                                   AS customer_id,
    r.tier                                          AS tier,
    r.f                                             AS f,
    r.tm                                            AS tm,
    r.m                                             AS m,
    r.p_days                                        AS p_days,
    r.r_days                                        AS r_days,
    r.r_days - r.p_days                             AS overdue_days,
    r.r_days / r.p_days                             AS overdue_ratio,
    a.status                                        AS alert_status,
    if(a.customer_id = '', NULL, a.opened_at)       AS alert_opened_at,
    a.escalation_reasons                            AS escalation_reasons,
    r.as_of                                         AS as_of
FROM customer_rfm AS r
LEFT JOIN
(
    SELECT customer_id, toString(status) AS status, opened_at, escalation_reasons
    FROM churn_alerts_current
    WHERE status IN ('OPENED', 'ESCALATED')
) AS a ON a.customer_id = r.customer_id
WHERE r.r_days > r.p_days
