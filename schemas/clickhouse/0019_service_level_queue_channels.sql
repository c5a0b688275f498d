-- Every queue x channel the service-level job has counted (within queue_minute's TTL), for the
-- dashboards' pickers, so that no dashboard reads a table. No FINAL needed: rewrites keep both keys.
CREATE VIEW IF NOT EXISTS queue_channels AS
SELECT DISTINCT queue, channel
FROM queue_minute
