-- One row per customer with an order in the trailing 365 days, written by the customer-value job each time
-- the customer's figures change: a purchase, a refund, or one of them leaving the 365-day window (METRICS.md
-- "Customer value (RFM) and churn alerts"). f = purchases, tm = purchases minus refunds (exact), and the
-- last purchase in the window. changed_at is the event time of the change; version grows with every change
-- of the customer, also across a cleanup (it is the change's event time in ms, times 1,000, plus the changes
-- of that ms), so the newest row wins and a replay writes the same rows. A customer whose orders all left
-- the window gets a last row with f = 0 and tm = 0, then the job forgets it. R, P, delta and the tier are not
-- stored: they depend on the time of reading and on the tier cut-points; the view customer_rfm derives them.
CREATE TABLE IF NOT EXISTS customer_rfm_state
(
    customer_id       String,
    f                 UInt32,
    tm                Decimal(18, 4),
    last_purchase_at  Nullable(DateTime64(3, 'UTC')),
    changed_at        DateTime64(3, 'UTC'),
    version           UInt64,
    written_at        DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(version)
ORDER BY customer_id
