package org.ccpulse.simulator.model;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Relative contact intensity by local hour of the day: a morning peak (10:30), an afternoon
 * peak (15:00), a small evening bump (19:30) and quiet nights (about 5 % of the peak).
 */
public final class ArrivalCurve {
    private static final double NIGHT = 0.05;

    private final ZoneRules zone;

    public ArrivalCurve(ZoneId zone) {
        this.zone = zone.getRules();
    }

    /** Intensity at local hour {@code h} in [0, 24). */
    public static double atHour(double h) {
        return NIGHT + bump(h, 10.5, 1.6, 1.0) + bump(h, 15.0, 1.8, 0.8) + bump(h, 19.5, 1.5, 0.25);
    }

    /** Upper bound of {@link #atHour} (for thinning). */
    public static double max() {
        return NIGHT + 1.0 + 0.8 * 0.3 + 0.25 * 0.01;
    }

    /** Intensity at the instant {@code epochMs}, read in the business time zone. */
    public double at(long epochMs) {
        return atHour(localHour(epochMs));
    }

    public double localHour(long epochMs) {
        long offset = zone.isFixedOffset()
                ? zone.getOffset(Instant.EPOCH).getTotalSeconds()
                : zone.getOffset(Instant.ofEpochMilli(epochMs)).getTotalSeconds();
        long localMs = epochMs + offset * 1000;
        return Math.floorMod(localMs, 86_400_000L) / 3_600_000.0;
    }

    private static double bump(double h, double centre, double width, double height) {
        double z = (h - centre) / width;
        return height * Math.exp(-0.5 * z * z);
    }
}
