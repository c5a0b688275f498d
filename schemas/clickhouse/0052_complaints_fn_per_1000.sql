-- A rate per 1,000: count / contacts x 1000 (complaints per 1,000 answered inbound contacts);
-- NULL when there were no contacts. One definition for every view and panel; roll-ups add the counts
-- first: ccpulse_per_1000(sum(complaints), sum(answered)).
CREATE FUNCTION IF NOT EXISTS ccpulse_per_1000 AS
    (count, contacts) -> if(contacts = 0, NULL, 1000 * count / contacts)
