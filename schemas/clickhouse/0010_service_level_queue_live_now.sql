-- Live queue state now: contacts waiting and the oldest wait in seconds, per queue x channel, per
-- queue (channel = 'all') and for the whole center. `as_of` tells how fresh the job's last word is.
CREATE VIEW IF NOT EXISTS queue_live_now AS
SELECT
    if(grouping(l.queue) = 1, 'all', l.queue)     AS queue,
    if(grouping(l.channel) = 1, 'all', l.channel) AS channel,
    sum(l.waiting)                                AS waiting,
    dateDiff('second', min(l.oldest_queued_at), now64(3)) AS oldest_wait_s,
    max(l.as_of)                                  AS as_of
FROM queue_live AS l FINAL
GROUP BY GROUPING SETS ((l.queue, l.channel), (l.queue), ())
