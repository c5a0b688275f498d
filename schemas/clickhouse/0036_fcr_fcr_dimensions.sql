-- The windows, teams, queues, channels, agents and reasons the first-contact-resolution job has written
-- (within fcr_contact_outcomes' TTL), for the dashboards' pickers, so that no dashboard reads a table.
-- One row per contact and window written (no FINAL: a contact's rewrites keep its attribution); a
-- picker selects DISTINCT the one column it lists, which reads that column only (a DISTINCT over every
-- column here would read them all, seconds on a year of contacts). window_s =
-- ccpulse_fcr_window_s(window), to list windows by length.
CREATE VIEW IF NOT EXISTS fcr_dimensions AS
SELECT window, ccpulse_fcr_window_s(window) AS window_s, team, queue, channel, agent_id, reason
FROM fcr_contact_outcomes
