-- Every window, team, queue, channel, agent and reason the first-contact-resolution job has written
-- (within fcr_contact_outcomes' TTL), for the dashboards' pickers, so that no dashboard reads a table.
-- No FINAL needed: a contact's rewrites keep its attribution. window_s = ccpulse_fcr_window_s(window),
-- to list windows by length.
CREATE VIEW IF NOT EXISTS fcr_dimensions AS
SELECT DISTINCT window, ccpulse_fcr_window_s(window) AS window_s, team, queue, channel, agent_id, reason
FROM fcr_contact_outcomes
