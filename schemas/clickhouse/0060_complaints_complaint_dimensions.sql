-- The cause group, cause, product, department and channel of every row the complaints job wrote per
-- hour, with its hour: the dashboards' pickers select DISTINCT the one column they list (which reads
-- that column only). No FINAL needed: rewrites keep their key.
CREATE VIEW IF NOT EXISTS complaint_dimensions AS
SELECT hour_start, cause_group, cause, product, department, channel
FROM complaints_hour
