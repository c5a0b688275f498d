-- First-contact resolution targets per team and window, from the deployment configuration
-- (`first-contact-resolution: targets:`), written by the first-contact-resolution job at start. The row
-- with team '' is the default for teams without their own. Newest configuration wins.
CREATE TABLE IF NOT EXISTS fcr_team_targets
(
    team       LowCardinality(String),
    window     LowCardinality(String),
    target     Float64,
    written_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(written_at)
ORDER BY (team, window)
