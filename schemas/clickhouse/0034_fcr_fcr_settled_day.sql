-- The last settled business day of each window: the latest business_date d of fcr_contact_outcomes
-- (FINAL) such that, for that window,
--   1. none of d's contacts is pending (each is settled `repeat` or `resolved`), and
--   2. some contact of a later business day is settled `resolved`.
-- (2) is what makes (1) final: a contact settles `resolved` only once event time has passed its
-- completed_at + window + allowed lateness, so a resolved contact on a later day means event time has
-- passed the end of d + window + lateness: every contact of d has settled and no event can still add
-- one to d (it would be too late). Without (2), a day whose few contacts so far all came back quickly
-- (e.g. today, minutes after midnight) would look settled with an FCR of 0. With (1), a day that still
-- holds a pending row after that (a row a job run left behind and no later run knows) is not taken:
-- its figures would leave that contact out; the day before it is.
-- At most one row per window; none for a window without a settled day yet.
CREATE VIEW IF NOT EXISTS fcr_settled_day AS
SELECT window, max(day) AS business_date
FROM
(
    SELECT
        window, day, pending,
        max(if(resolved > 0, day, NULL)) OVER (PARTITION BY window) AS latest_resolved_day
    FROM
    (
        SELECT
            window,
            business_date                AS day,
            countIf(status = 'pending')  AS pending,
            countIf(status = 'resolved') AS resolved
        FROM fcr_contact_outcomes FINAL
        GROUP BY window, business_date
    )
)
WHERE pending = 0 AND day < latest_resolved_day
GROUP BY window
