-- The length in seconds of an FCR window label (METRICS.md "First-contact resolution"): a whole
-- number and a unit, m(inutes), h(ours), d(ays) or w(eeks), with `_same_issue` for a same-issue
-- window: '24h' -> 86400, '7d' and '7d_same_issue' -> 604800. NULL for a label not of that form.
-- A repeat counts for window W when its delay_s <= ccpulse_fcr_window_s(W).
CREATE FUNCTION IF NOT EXISTS ccpulse_fcr_window_s AS
    (label) -> toUInt64OrNull(extract(label, '^(\\d+)[mhdw](?:_same_issue)?$'))
        * multiIf(
            match(label, '^\\d+m(_same_issue)?$'), 60,
            match(label, '^\\d+h(_same_issue)?$'), 3600,
            match(label, '^\\d+d(_same_issue)?$'), 86400,
            match(label, '^\\d+w(_same_issue)?$'), 604800,
            NULL)
