-- "Today": the business day of the business time zone that now() falls in, as its date and its UTC
-- range [day_start, day_end). The one definition of today for every view and dashboard. At most one
-- row (the latest date, should two written ranges overlap); none until a job has written business_days.
CREATE VIEW IF NOT EXISTS business_today AS
SELECT business_date, day_start, day_end, zone
FROM business_days FINAL
WHERE now() >= day_start AND now() < day_end
ORDER BY business_date DESC
LIMIT 1
