-- What brings customers back: the repeats of fcr_repeats counted per first contact's business day,
-- reason, queue, team and channel, the repeat's channel, whether it switched channel, and delay band.
-- repeats = (first contact, next contact) pairs; same_issue_repeats = those with the same first
-- reason segment (fcr_repeats.same_issue = 1); marked_resolved_repeats = those whose first contact the
-- agent had closed as resolved. Keep the repeats of window W with
-- `delay_band_max_s <= ccpulse_fcr_window_s(W)` (see fcr_repeats).
CREATE VIEW IF NOT EXISTS fcr_repeat_drivers AS
SELECT
    first_business_date, first_reason, first_queue, first_team, first_channel,
    repeat_channel, channel_changed, delay_band, delay_band_max_s,
    count()                             AS repeats,
    countIf(same_issue = 1)             AS same_issue_repeats,
    countIf(first_agent_resolved = 1)   AS marked_resolved_repeats
FROM fcr_repeats
GROUP BY
    first_business_date, first_reason, first_queue, first_team, first_channel,
    repeat_channel, channel_changed, delay_band, delay_band_max_s
