-- The Pareto of complaint causes over a period: a parameterized view,
--   FROM complaint_causes_pareto(from = toDateTime(1767571200), to = now(),
--                                cause_groups = [], causes = [], departments = [])
-- over the complaints of the UTC hours whose start lies in [from, to] (as Grafana's $__timeFilter), of
-- the given cause groups, causes and departments (an empty array: all). One row per cause with
-- complaints, most complaints first (ties by cause name): rank, complaints, share of the period's
-- complaints, and the running totals cumulative_complaints and cumulative_share (the last row's is 1).
-- from and to are instants: DateTime without a zone, so a value is read in the session's zone, and an
-- instant given as toDateTime(epoch seconds) or now() (what Grafana's $__fromTime and $__toTime give)
-- stays that instant whatever the session's zone (a DateTime('UTC') parameter would shift it by the
-- zone's offset).
CREATE VIEW IF NOT EXISTS complaint_causes_pareto AS
SELECT
    row_number() OVER w                    AS rank,
    cause, cause_group, complaints,
    complaints / sum(complaints) OVER ()   AS share,
    sum(complaints) OVER w                 AS cumulative_complaints,
    cumulative_complaints / sum(complaints) OVER () AS cumulative_share
FROM
(
    SELECT cause, any(cause_group) AS cause_group, sum(h.complaints) AS complaints
    FROM complaints_hour AS h FINAL
    WHERE h.hour_start >= {from:DateTime} AND h.hour_start <= {to:DateTime}
      AND (empty({cause_groups:Array(String)}) OR has({cause_groups:Array(String)}, h.cause_group))
      AND (empty({causes:Array(String)}) OR has({causes:Array(String)}, h.cause))
      AND (empty({departments:Array(String)}) OR has({departments:Array(String)}, h.department))
    GROUP BY cause
    HAVING complaints > 0
)
WINDOW w AS (ORDER BY complaints DESC, cause ASC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY rank
