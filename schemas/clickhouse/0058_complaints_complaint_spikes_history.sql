-- Every complaint spike the complaints job raised, open or closed, one row each (per cause, level
-- 'cause', and per cause group, level 'cause_group'; key is the cause or the group, cause_group the
-- group either way). opened_hour: the (local) hour it opened in, in UTC; closed_hour: the first full
-- hour back to normal, NULL while it is open; status 'open' or 'closed'; duration_h: closed_hour -
-- opened_hour, or hours since opened_hour while open. observed, expected, bound, score: the opening
-- hour's figures (observed = the count when it opened, so far in the hour if it opened early; expected
-- = the baseline's count for that full hour; bound = the count a quiet hour exceeds with probability at
-- most the tail probability; score = -log10 of the chance of at least `observed`); ratio =
-- observed / expected. closed_observed, closed_expected: the closing hour's (NULL while open).
CREATE VIEW IF NOT EXISTS complaint_spikes_history AS
SELECT
    spike_id, level, key,
    if(level = 'cause', splitByChar('.', key)[1], key) AS cause_group,
    if(closed, 'closed', 'open')                         AS status,
    opened_hour,
    if(closed, closed_hour_any, NULL)                    AS closed_hour,
    dateDiff('second', opened_hour, if(closed, closed_hour_any, now())) / 3600 AS duration_h,
    observed, expected, bound, score,
    observed / expected                                  AS ratio,
    if(closed, closed_observed_any, NULL)                AS closed_observed,
    if(closed, closed_expected_any, NULL)                AS closed_expected
FROM
(
    SELECT
        spike_id,
        toString(any(s.level))                           AS level,
        toString(any(s.key))                             AS key,
        any(s.opened_hour)                               AS opened_hour,
        countIf(s.status = 'CLOSED') > 0                 AS closed,
        anyIf(s.hour_start, s.status = 'CLOSED')         AS closed_hour_any,
        anyIf(s.observed, s.status = 'OPENED')           AS observed,
        anyIf(s.expected, s.status = 'OPENED')           AS expected,
        anyIf(s.bound, s.status = 'OPENED')              AS bound,
        anyIf(s.score, s.status = 'OPENED')              AS score,
        anyIf(s.observed, s.status = 'CLOSED')           AS closed_observed_any,
        anyIf(s.expected, s.status = 'CLOSED')           AS closed_expected_any
    FROM complaint_spikes AS s FINAL
    GROUP BY spike_id
)
