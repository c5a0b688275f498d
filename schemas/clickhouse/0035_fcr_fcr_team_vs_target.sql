-- The FCR alert's source: per team and window, the FCR of the window's last settled business day
-- (fcr_settled_day: no contact of that day pending, and event time past the day + window + lateness)
-- against the team's target. target: the team's own row of fcr_team_targets for the window, else the
-- default (team ''); of several rows for one team and window the newest (written_at) wins; NULL when
-- neither exists. eligible, resolved and fcr as fcr_daily, summed over the team's queues, channels,
-- agents and reasons. below_target = fcr < target (NULL without a target). One row per team and window
-- that has contacts on that day.
CREATE VIEW IF NOT EXISTS fcr_team_vs_target AS
SELECT
    f.team                                 AS team,
    f.window                               AS window,
    f.business_date                        AS business_date,
    f.eligible                             AS eligible,
    f.resolved                             AS resolved,
    f.fcr                                  AS fcr,
    coalesce(own.target, fallback.target)  AS target,
    fcr < target                           AS below_target
FROM
(
    SELECT
        d.team AS team, d.window AS window, d.business_date AS business_date,
        sum(d.eligible)                     AS eligible,
        sum(d.resolved)                     AS resolved,
        ccpulse_share(resolved, eligible)   AS fcr
    FROM fcr_daily AS d
    INNER JOIN fcr_settled_day AS s ON d.window = s.window AND d.business_date = s.business_date
    WHERE d.business_date IN (SELECT business_date FROM fcr_settled_day)
    GROUP BY d.team, d.window, d.business_date
) AS f
LEFT JOIN
(
    SELECT team, window, toNullable(argMax(target, written_at)) AS target
    FROM fcr_team_targets
    GROUP BY team, window
) AS own ON own.team = f.team AND own.window = f.window
LEFT JOIN
(
    SELECT window, toNullable(argMax(target, written_at)) AS target
    FROM fcr_team_targets
    WHERE team = ''
    GROUP BY window
) AS fallback ON fallback.window = f.window
