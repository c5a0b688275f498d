package org.ccpulse.schemas.event;

import java.math.BigDecimal;
import java.time.Instant;

/** One purchase or refund, as on the {@code orders} topic (EVENTS.md). {@code currency} may be null. */
public record Order(
        String eventId,
        String orderId,
        String customerId,
        OrderType type,
        Instant ts,
        BigDecimal amount,
        String currency) {}
