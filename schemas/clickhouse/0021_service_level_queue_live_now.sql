-- Live queue state now, counting only what the job still vouches for: it writes a queue's row again
-- every 30 s while anyone waits (ServiceLevelJob.Settings.liveRefresh), so a row with waiting
-- contacts older than 90 s is from a run that has stopped, or from an earlier run a new one knows
-- nothing of. Its contacts count as not waiting (and give no oldest wait) instead of waiting for
-- ever; every queue keeps its row, and `as_of` tells how fresh the job's last word is.
CREATE OR REPLACE VIEW queue_live_now AS
SELECT
    if(grouping(l.queue) = 1, 'all', l.queue)     AS queue,
    if(grouping(l.channel) = 1, 'all', l.channel) AS channel,
    sumIf(l.waiting, l.as_of >= now64(3) - INTERVAL 90 SECOND) AS waiting,
    dateDiff('second', minIf(l.oldest_queued_at, l.as_of >= now64(3) - INTERVAL 90 SECOND), now64(3)) AS oldest_wait_s,
    max(l.as_of)                                  AS as_of
FROM queue_live AS l FINAL
GROUP BY GROUPING SETS ((l.queue, l.channel), (l.queue), ())
