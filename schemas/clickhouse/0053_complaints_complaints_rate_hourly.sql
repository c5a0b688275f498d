-- Complaint rate per UTC hour: complaints per 1,000 answered inbound contacts in the same hour
-- (METRICS.md), contacts from the service-level job's queue_minute (inbound only). Per channel the
-- complaints whose ticket names that channel against the contacts answered on it, and for all channels
-- (channel = 'all'). A complaint whose ticket names no channel counts in 'all' only; its own row
-- (channel 'not given') has no contacts, hence no rate (NULL), as has any hour or channel without
-- answered contacts. Rows of both jobs are settled (FINAL).
CREATE VIEW IF NOT EXISTS complaints_rate_hourly AS
SELECT
    hour_start, channel, complaints, answered,
    ccpulse_per_1000(complaints, answered) AS complaints_per_1000
FROM
(
    SELECT
        u.hour_start         AS hour_start,
        rollup_channel       AS channel,
        sum(u.complaints)    AS complaints,
        sum(u.answered)      AS answered
    FROM
    (
        SELECT h.hour_start AS hour_start, toString(h.channel) AS channel,
               toUInt64(h.complaints) AS complaints, toUInt64(0) AS answered
        FROM complaints_hour AS h FINAL
        UNION ALL
        SELECT toStartOfHour(m.minute_start) AS hour_start, toString(m.channel) AS channel,
               toUInt64(0) AS complaints, toUInt64(m.answered) AS answered
        FROM queue_minute AS m FINAL
    ) AS u
    -- each row counts for its channel and for all channels: one plain GROUP BY, so that a filter on
    -- hour_start reaches both tables before they are summed
    ARRAY JOIN [u.channel, 'all'] AS rollup_channel
    GROUP BY u.hour_start, rollup_channel
)
