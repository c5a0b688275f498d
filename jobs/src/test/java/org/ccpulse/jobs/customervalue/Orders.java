package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;

/** Orders for tests, with fresh event and order ids. */
final class Orders {

    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;

    private static final AtomicLong IDS = new AtomicLong();

    private Orders() {}

    static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static Order purchase(String customer, long tsMs, String amount) {
        return order(customer, OrderType.PURCHASE, tsMs, amount);
    }

    static Order refund(String customer, long tsMs, String amount) {
        return order(customer, OrderType.REFUND, tsMs, amount);
    }

    static Order order(String customer, OrderType type, long tsMs, String amount) {
        long id = IDS.incrementAndGet();
        return new Order("e" + id, "o" + id, customer, type, Instant.ofEpochMilli(tsMs), new BigDecimal(amount), "EUR");
    }
}
