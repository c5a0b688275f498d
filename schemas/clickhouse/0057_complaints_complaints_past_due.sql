-- Open complaints past their deadline now (METRICS.md "Overdue": open complaints whose due_at has
-- passed), one row each: the ticket, its customer, when it was opened (and its business date), cause,
-- cause group, product, department, channel, severity, due_at, reopens, age_h (hours since opening) and
-- overdue_h (hours since due_at). Open = status 'open' (a reopened complaint is open again); a complaint
-- without due_at is never past due. Settled rows of the complaints job (FINAL).
CREATE VIEW IF NOT EXISTS complaints_past_due AS
SELECT
    ticket_id, customer_id, opened_at, business_date,
    cause, cause_group, product, department, channel, severity,
    assumeNotNull(due_at) AS due_at, reopens,
    dateDiff('millisecond', opened_at, now64(3)) / 3600000         AS age_h,
    dateDiff('millisecond', assumeNotNull(due_at), now64(3)) / 3600000 AS overdue_h
FROM complaint_lifecycle FINAL
WHERE status = 'open' AND due_at IS NOT NULL AND due_at < now64(3)
