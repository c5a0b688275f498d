-- Complaints and repeat contacts of each customer with a churn alert (its latest alert, churn_alerts_current),
-- counted from 30 days before the alert opened (the look-back of an escalation, METRICS.md) up to its
-- resolution, or with no end while it is open: complaints opened (complaint_lifecycle, settled), of them
-- still open now, the latest one's opening time; repeat contacts (the customer's inbound contacts that were
-- the next contact after an earlier one, fcr_repeats, each counted once) and the latest one's start. One row
-- per alerted customer: customer_id, status, tier (the alert's), opened_at, resolved_at (NULL while open),
-- complaints, open_complaints, last_complaint_at, repeat_contacts, last_repeat_at (NULL when none).
CREATE VIEW IF NOT EXISTS churn_alert_contacts AS
WITH alerts AS
(
    SELECT
        a.customer_id                                              AS customer_id,
        toString(a.status)                                         AS status,
        toString(a.tier)                                           AS tier,
        a.opened_at                                                AS opened_at,
        if(a.status = 'RESOLVED', res.resolved_at, NULL)           AS resolved_at,
        a.opened_at - INTERVAL 30 DAY                              AS counted_from
    FROM churn_alerts_current AS a
    LEFT JOIN churn_alert_resolutions AS res
        ON res.customer_id = a.customer_id AND res.opened_at = a.opened_at
)
SELECT
    al.customer_id                                                 AS customer_id,
    al.status                                                      AS status,
    al.tier                                                        AS tier,
    al.opened_at                                                   AS opened_at,
    al.resolved_at                                                 AS resolved_at,
    c.complaints                                                   AS complaints,
    c.open_complaints                                              AS open_complaints,
    if(c.customer_id = '', NULL, c.last_complaint_at)              AS last_complaint_at,
    r.repeat_contacts                                              AS repeat_contacts,
    if(r.customer_id = '', NULL, r.last_repeat_at)                 AS last_repeat_at
FROM alerts AS al
LEFT JOIN
(
    SELECT
        w.customer_id                                              AS customer_id,
        count()                                                    AS complaints,
        countIf(l.status = 'open')                                 AS open_complaints,
        max(l.opened_at)                                           AS last_complaint_at
    FROM alerts AS w
    INNER JOIN complaint_lifecycle AS l FINAL ON l.customer_id = w.customer_id
    WHERE l.opened_at >= w.counted_from AND (w.resolved_at IS NULL OR l.opened_at <= w.resolved_at)
    GROUP BY w.customer_id
) AS c ON c.customer_id = al.customer_id
LEFT JOIN
(
    SELECT
        w.customer_id                                              AS customer_id,
        uniqExact(f.repeat_contact_id)                             AS repeat_contacts,
        max(f.repeat_started_at)                                   AS last_repeat_at
    FROM alerts AS w
    INNER JOIN fcr_repeats AS f ON f.customer_id = w.customer_id
    WHERE f.repeat_started_at >= w.counted_from AND (w.resolved_at IS NULL OR f.repeat_started_at <= w.resolved_at)
    GROUP BY w.customer_id
) AS r ON r.customer_id = al.customer_id
