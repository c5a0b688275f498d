-- Repeat contacts for drill-down: each (first contact, the customer's next inbound contact within the
-- longest window) of fcr_repeat_contacts, settled (FINAL), with
-- - delay_band: the delay in bands that line up with the windows, each band including its upper bound
--   as a window does (a repeat counts for window W when delay_s <= W): '0-1h' (delay_s <= 1 h),
--   '1-24h', '1-3d', '3-7d', '7-30d', '> 30d'; delay_band_max_s is the band's upper bound in seconds
--   (inf for '> 30d'), for ordering and for keeping the bands within a window
--   (delay_band_max_s <= ccpulse_fcr_window_s(window): exact for windows on band bounds, 1h, 24h, 72h,
--   7d, 30d; for another window the band it cuts is left out);
-- - channel_changed (from the job), queue_changed (repeat_queue != first_queue);
-- - same_issue, as the job decides it for a same-issue window (METRICS.md "Same issue only"): 1 when
--   the first segments of both reasons are equal (`billing` of `billing.dispute`); 0 when they differ,
--   when the first contact gave no reason (no issue to repeat), or when the repeat ended without one
--   (abandoned, or no reason given); NULL while the repeat's reason is not known yet (version 0: the
--   repeat has not ended, or did not end within 24 hours of its start);
-- - repeat_completed: the repeat has completed and its reason is final (the row's version 1).
CREATE VIEW IF NOT EXISTS fcr_repeats AS
SELECT
    first_business_date, first_contact_id, repeat_contact_id, customer_id,
    first_completed_at, repeat_started_at, delay_s,
    multiIf(
        delay_s <= 3600, '0-1h',
        delay_s <= 86400, '1-24h',
        delay_s <= 259200, '1-3d',
        delay_s <= 604800, '3-7d',
        delay_s <= 2592000, '7-30d',
        '> 30d') AS delay_band,
    multiIf(
        delay_s <= 3600, 3600.0,
        delay_s <= 86400, 86400.0,
        delay_s <= 259200, 259200.0,
        delay_s <= 604800, 604800.0,
        delay_s <= 2592000, 2592000.0,
        inf) AS delay_band_max_s,
    first_queue, first_channel, first_team, first_agent_id, first_reason, first_agent_resolved,
    repeat_queue, repeat_channel, repeat_reason,
    channel_changed,
    toUInt8(repeat_queue != first_queue) AS queue_changed,
    multiIf(
        first_reason = '', toNullable(toUInt8(0)),
        version = 0, NULL,
        repeat_reason = '', toNullable(toUInt8(0)),
        toNullable(toUInt8(splitByChar('.', toString(first_reason))[1] = splitByChar('.', toString(repeat_reason))[1]))) AS same_issue,
    version AS repeat_completed
FROM fcr_repeat_contacts FINAL
