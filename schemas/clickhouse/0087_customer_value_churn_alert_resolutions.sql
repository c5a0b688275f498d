-- Every churn alert that was resolved (by the customer's next purchase), one row per alert: the customer,
-- the tier it was opened with, when it opened and was resolved, days_to_resolve (from opening to
-- resolution, in days), escalated (1 when it had an ESCALATED event) and every reason its escalations gave
-- (sorted, empty if none). Settled events (churn_alert_history).
CREATE VIEW IF NOT EXISTS churn_alert_resolutions AS
SELECT
    e.alert_id                                                              AS alert_id,
    any(e.customer_id)                                                      AS customer_id,
    toString(argMin(e.tier, e.ts))                                          AS tier,
    min(e.opened_at)                                                        AS opened_at,
    minIf(e.ts, e.status = 'RESOLVED')                                      AS resolved_at,
    dateDiff('millisecond', min(e.opened_at), minIf(e.ts, e.status = 'RESOLVED')) / 86400000 AS days_to_resolve,
    toUInt8(countIf(e.status = 'ESCALATED') > 0)                            AS escalated,
    arraySort(arrayDistinct(arrayFlatten(groupArray(e.escalation_reasons)))) AS escalation_reasons
FROM churn_alert_history AS e
GROUP BY e.alert_id
HAVING countIf(e.status = 'RESOLVED') > 0
