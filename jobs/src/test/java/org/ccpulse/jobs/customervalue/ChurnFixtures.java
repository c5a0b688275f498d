package org.ccpulse.jobs.customervalue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.ccpulse.jobs.customervalue.CustomerActivity.Kind;

/** Customers, figures, cut-points and activity for the churn alert tests. */
final class ChurnFixtures {

    static final long DAY = 86_400_000L;
    static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    static final ChurnSettings SETTINGS = ChurnSettings.defaults(Duration.ofMinutes(120));

    /** top from 1,000, high from 500, mid from 100. */
    static final TierCutPoints CUTS = new TierCutPoints(
            T0 - 400 * DAY, 1_000, new BigDecimal("1000"), new BigDecimal("500"), new BigDecimal("100"));

    private ChurnFixtures() {}

    /** Figures as of {@code asOfMs}; the version follows the time, as the RFM tracker's does. */
    static ChurnInput figures(String customer, int f, String tm, long lastPurchaseMs, long asOfMs) {
        return ChurnInput.of(new CustomerFigures(
                customer,
                f,
                new BigDecimal(tm),
                f == 0 ? CustomerFigures.NONE : lastPurchaseMs,
                asOfMs,
                asOfMs * 1_000));
    }

    static ChurnInput activity(String customer, Kind kind, long tsMs, int openTickets) {
        return ChurnInput.of(new CustomerActivity(
                customer,
                kind,
                tsMs,
                kind == Kind.TICKET_OPENED || kind == Kind.TICKET_CLOSED ? "t-1" : null,
                openTickets));
    }

    /** The due moment of F purchases, the last at {@code last}, with k = 1. */
    static long due(long last, int f) {
        return last + Math.round(365.0 / f * DAY);
    }
}
