-- Complaints by customer value tier (the complaint database by customer group): complaints opened per
-- business date, tier, cause group and cause, the tier being the customer's now (customer_rfm); 'none' for
-- a complaint whose customer has no purchase in the last 365 days or is not given.
CREATE VIEW IF NOT EXISTS complaints_by_tier AS
SELECT
    l.business_date                             AS business_date,
    if(r.tier = '', 'none', r.tier)             AS tier,
    l.cause_group                               AS cause_group,
    l.cause                                     AS cause,
    count()                                     AS complaints
FROM complaint_lifecycle AS l FINAL
LEFT JOIN customer_rfm AS r ON r.customer_id = l.customer_id
GROUP BY business_date, tier, cause_group, cause
