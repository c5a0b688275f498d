-- Complaints per UTC hour (METRICS.md "Complaints", the public view): exactly hour_start, cause,
-- cause_group, product, department, channel, complaints, and reopens beside them (REOPENED events of
-- complaints in that hour; a reopen is not a new complaint). Settled rows of the complaints job
-- (FINAL); the rows of one hour that a zone with a half-hour offset splits over two business dates are
-- added up. A missing optional field is the value 'not given'.
CREATE VIEW IF NOT EXISTS complaints_hourly AS
SELECT
    hour_start, cause, cause_group, product, department, channel,
    sum(h.complaints) AS complaints,
    sum(h.reopens)    AS reopens
FROM complaints_hour AS h FINAL
GROUP BY hour_start, cause, cause_group, product, department, channel
