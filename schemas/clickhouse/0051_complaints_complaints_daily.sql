-- Complaints per business day (the business zone's local date the complaint was opened on), by cause,
-- cause group, product, department and channel, with reopens. day_start is the business day's start in
-- UTC (from business_days, which every run writes for 400 days around today; 00:00 UTC of the date for
-- a day it does not hold), so that a dashboard draws the day at its local midnight.
CREATE VIEW IF NOT EXISTS complaints_daily AS
SELECT
    d.business_date AS business_date,
    if(b.business_date = d.business_date, b.day_start, toDateTime(d.business_date, 'UTC')) AS day_start,
    d.cause AS cause, d.cause_group AS cause_group, d.product AS product, d.department AS department,
    d.channel AS channel, d.complaints AS complaints, d.reopens AS reopens
FROM
(
    SELECT
        business_date, cause, cause_group, product, department, channel,
        sum(h.complaints) AS complaints,
        sum(h.reopens)    AS reopens
    FROM complaints_hour AS h FINAL
    GROUP BY business_date, cause, cause_group, product, department, channel
) AS d
LEFT JOIN (SELECT business_date, day_start FROM business_days FINAL) AS b ON b.business_date = d.business_date
