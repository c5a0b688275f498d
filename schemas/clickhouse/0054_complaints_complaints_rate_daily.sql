-- Complaint rate per business day: complaints opened on the business date per 1,000 inbound contacts
-- answered on it, per channel and for all channels ('all'), as complaints_rate_hourly per hour (a
-- complaint without channel counts in 'all' only; NULL without answered contacts). day_start is the
-- business day's start in UTC, as in complaints_daily.
CREATE VIEW IF NOT EXISTS complaints_rate_daily AS
SELECT
    r.business_date AS business_date,
    if(b.business_date = r.business_date, b.day_start, toDateTime(r.business_date, 'UTC')) AS day_start,
    r.channel AS channel, r.complaints AS complaints, r.answered AS answered,
    ccpulse_per_1000(r.complaints, r.answered) AS complaints_per_1000
FROM
(
    SELECT
        u.business_date      AS business_date,
        rollup_channel       AS channel,
        sum(u.complaints)    AS complaints,
        sum(u.answered)      AS answered
    FROM
    (
        SELECT h.business_date AS business_date, toString(h.channel) AS channel,
               toUInt64(h.complaints) AS complaints, toUInt64(0) AS answered
        FROM complaints_hour AS h FINAL
        UNION ALL
        SELECT m.business_date AS business_date, toString(m.channel) AS channel,
               toUInt64(0) AS complaints, toUInt64(m.answered) AS answered
        FROM queue_minute AS m FINAL
    ) AS u
    ARRAY JOIN [u.channel, 'all'] AS rollup_channel
    GROUP BY u.business_date, rollup_channel
) AS r
LEFT JOIN (SELECT business_date, day_start FROM business_days FINAL) AS b ON b.business_date = r.business_date
