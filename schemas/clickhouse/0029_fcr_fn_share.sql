-- A share of counted contacts: part / whole, NULL when whole is 0 (nothing counted, nothing to show).
-- The one definition behind FCR (resolved / eligible), the agent-reported share (marked resolved /
-- contacts) and the pending share (pending / contacts), in the FCR views and in roll-ups over their
-- rows, which add up the counts first: ccpulse_share(sum(resolved), sum(eligible)).
CREATE FUNCTION IF NOT EXISTS ccpulse_share AS
    (part, whole) -> part / nullIf(whole, 0)
