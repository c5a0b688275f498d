-- The complaint spikes open now: complaint_spikes_history's open ones, at most one per level and key
-- (the latest opened, should a recount have left an earlier episode of the key without its CLOSED
-- row), with the same columns but closed_hour, closed_observed and closed_expected; duration_h is the
-- hours since the opening hour began. The alert rule's source: one alert instance per row.
CREATE VIEW IF NOT EXISTS complaint_spikes_current AS
SELECT
    spike_id, level, key, cause_group, opened_hour, duration_h,
    observed, expected, bound, score, ratio
FROM complaint_spikes_history
WHERE status = 'open'
ORDER BY level, key, opened_hour DESC
LIMIT 1 BY level, key
