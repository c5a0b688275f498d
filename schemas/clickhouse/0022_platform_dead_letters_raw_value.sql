-- Dead letters keep at most the first 8 KiB of a record's value (EVENTS.md "dead-letters"), so no input
-- record can make one too large: raw_value (0001) holds that prefix, and these columns the whole value's
-- length in bytes, its SHA-256 (lower-case hex) and whether raw_value is only its start. A record without
-- value (problem TOMBSTONE) has length 0 and no hash (''). Rows written before this migration kept the
-- whole value: their length is that of the stored text, and they have no hash.
ALTER TABLE dead_letters
    ADD COLUMN IF NOT EXISTS raw_value_length UInt64 DEFAULT length(raw_value) AFTER raw_value,
    ADD COLUMN IF NOT EXISTS raw_value_sha256 String DEFAULT '' AFTER raw_value_length,
    ADD COLUMN IF NOT EXISTS raw_value_truncated Bool DEFAULT false AFTER raw_value_sha256
