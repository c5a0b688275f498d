-- FCR per business day and window, attributed to the first contact's queue, channel, team, agent and
-- reason (METRICS.md "First-contact resolution"), over settled contacts only: a pending contact is in
-- neither eligible nor resolved (see fcr_pending). fcr = resolved / eligible.
CREATE OR REPLACE VIEW fcr_daily AS
SELECT
    business_date, window, queue, channel, team, agent_id, reason,
    count()                    AS eligible,
    countIf(status = 'resolved') AS resolved,
    resolved / eligible        AS fcr
FROM fcr_contact_outcomes FINAL
WHERE status != 'pending'
GROUP BY business_date, window, queue, channel, team, agent_id, reason
