-- What agents report against what the customers did: per business day, window, agent, team, queue and
-- reason, over settled contacts only (as fcr_daily; a pending contact is in no column).
-- contacts = settled eligible contacts; marked_resolved = those the agent closed with outcome
-- `resolved` (agent_resolved = 1); measured_resolved = those resolved at first contact (no repeat in
-- the window); marked_resolved_came_back = marked resolved, yet the customer came back (status
-- `repeat`). marked_resolved_share and fcr are shares of contacts (ccpulse_share); roll-ups add the
-- counts and divide again.
CREATE VIEW IF NOT EXISTS fcr_agent_reported AS
SELECT
    business_date, window, agent_id, team, queue, reason,
    count()                                            AS contacts,
    countIf(agent_resolved = 1)                        AS marked_resolved,
    ccpulse_share(marked_resolved, contacts)           AS marked_resolved_share,
    countIf(status = 'resolved')                       AS measured_resolved,
    ccpulse_share(measured_resolved, contacts)         AS fcr,
    countIf(agent_resolved = 1 AND status = 'repeat')  AS marked_resolved_came_back
FROM fcr_contact_outcomes FINAL
WHERE status != 'pending'
GROUP BY business_date, window, agent_id, team, queue, reason
