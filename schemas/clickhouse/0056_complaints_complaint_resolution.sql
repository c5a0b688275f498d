-- Resolution of complaints per department (METRICS.md: resolution time from OPENED to the first
-- RESOLVED), for the complaints opened in a period: a parameterized view,
--   FROM complaint_resolution(from = toDateTime(1767571200), to = now(), cause_groups = [], causes = [],
--                             departments = [])
-- (from and to: instants, as in complaint_causes_pareto)
-- over the complaints with opened_at in [from, to] of the given cause groups, causes and departments
-- (an empty array: all), one row per department and one for all of them (department = 'all'):
-- complaints; resolved (resolved at least once, reopened or not) and unresolved; median and p90 hours
-- from opening to the first resolution (interpolated, over the resolved; NULL when none); the median
-- hours the deadlines allowed (due_at - opened_at, over those with a deadline); resolved_with_deadline,
-- resolved_by_deadline (first resolution at or before due_at) and their share (NULL when none);
-- without_deadline; and open_past_due (open now, due_at before now(), as complaints_past_due).
-- Settled rows of the complaints job (FINAL).
CREATE VIEW IF NOT EXISTS complaint_resolution AS
SELECT
    rollup_department AS department,
    count()                                                   AS complaints,
    countIf(c.first_resolved_at IS NOT NULL)                  AS resolved,
    complaints - resolved                                     AS unresolved,
    if(resolved = 0, NULL, quantileExactInclusiveIf(0.5)(c.resolution_h, c.first_resolved_at IS NOT NULL)) AS median_resolution_h,
    if(resolved = 0, NULL, quantileExactInclusiveIf(0.9)(c.resolution_h, c.first_resolved_at IS NOT NULL)) AS p90_resolution_h,
    if(countIf(c.due_at IS NOT NULL) = 0, NULL, quantileExactInclusiveIf(0.5)(c.deadline_h, c.due_at IS NOT NULL)) AS median_deadline_h,
    countIf(c.first_resolved_at IS NOT NULL AND c.due_at IS NOT NULL)   AS resolved_with_deadline,
    countIf(c.first_resolved_at <= c.due_at)                            AS resolved_by_deadline,
    if(resolved_with_deadline = 0, NULL, resolved_by_deadline / resolved_with_deadline) AS resolved_by_deadline_share,
    countIf(c.due_at IS NULL)                                           AS without_deadline,
    countIf(c.status = 'open' AND c.due_at < now64(3))                  AS open_past_due
FROM
(
    SELECT
        toString(l.department) AS department, l.status AS status, l.due_at AS due_at,
        l.first_resolved_at AS first_resolved_at,
        dateDiff('millisecond', l.opened_at, l.first_resolved_at) / 3600000 AS resolution_h,
        dateDiff('millisecond', l.opened_at, l.due_at) / 3600000            AS deadline_h
    FROM complaint_lifecycle AS l FINAL
    -- a business date lies within a day of the UTC date: the sorting key narrows the scan
    WHERE l.business_date >= toDate({from:DateTime}) - 1 AND l.business_date <= toDate({to:DateTime}) + 1
      AND l.opened_at >= {from:DateTime} AND l.opened_at <= {to:DateTime}
      AND (empty({cause_groups:Array(String)}) OR has({cause_groups:Array(String)}, l.cause_group))
      AND (empty({causes:Array(String)}) OR has({causes:Array(String)}, l.cause))
      AND (empty({departments:Array(String)}) OR has({departments:Array(String)}, l.department))
) AS c
ARRAY JOIN [c.department, 'all'] AS rollup_department
GROUP BY rollup_department
