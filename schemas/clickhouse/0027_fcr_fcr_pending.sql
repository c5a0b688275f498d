-- FCR "so far": per business day, window, queue, channel and team, every eligible contact with its
-- state. pending = window still open and no repeat yet (not counted in fcr_daily); repeats = already
-- known not resolved; resolved = settled resolved. pending_share = pending / contacts.
CREATE OR REPLACE VIEW fcr_pending AS
SELECT
    business_date, window, queue, channel, team,
    count()                      AS contacts,
    countIf(status = 'pending')  AS pending,
    countIf(status = 'repeat')   AS repeats,
    countIf(status = 'resolved') AS resolved,
    pending / contacts           AS pending_share
FROM fcr_contact_outcomes FINAL
GROUP BY business_date, window, queue, channel, team
