package org.ccpulse.simulator.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How likely a completed contact is to raise a complaint of each cause, by local time: contact volume
 * times a per-cause factor with its own hour-of-day and day-of-week profile (and, for billing, the days
 * after the month-start invoices, when asked for). So agent-caused complaints follow contact volume, billing complaints
 * peak on Monday mornings, delivery complaints on weekday afternoons, product complaints in the evening
 * and at weekends.
 *
 * <p>{@link #rate(int, long)} of cause {@code c} is {@code share(c) × hour(c, h) × day(c, d) × month(c, dom)
 * / norm(c)}, where {@code norm(c)} is the weekly mean of {@code hour × day} weighted by contact volume
 * ({@link ArrivalCurve}, weekend days at 2/3 of a weekday, as the rosters make them). The weekly mean of a
 * cause's rate is therefore its share, and that of {@link #total} about 1: a contact's complaint
 * probability (3 %, 10 % after an unresolved contact, ...) times {@code total} keeps the average complaint
 * volume, and {@code share} is each cause's part of it.
 */
public final class ComplaintRhythm {
    /** A cause and its profile; {@code byDay} runs Monday to Sunday. */
    record Cause(String code, double share, Hours hours, double[] byDay, boolean invoiced) {
        double at(double hour, DayOfWeek day) {
            return hours.at(hour) * byDay[day.ordinal()];
        }
    }

    @FunctionalInterface
    interface Hours {
        double at(double hour);
    }

    /**
     * Month-start invoices go out on the 1st; with a month-start factor, billing complaints are that much more
     * frequent on these local days of the month.
     */
    static final int MONTH_START_FIRST_DAY = 2;

    static final int MONTH_START_LAST_DAY = 4;
    private static final double[] FLAT_DAYS = {1, 1, 1, 1, 1, 1, 1};
    private static final Hours FLAT_HOURS = h -> 1;
    private static final double WEEKEND_VOLUME = 2.0 / 3;
    private static final long SLOT_MS = 15 * 60_000; // every zone offset in use is a multiple of 15 minutes

    /** Shares add up to 1: agent 40 %, company 50 %, customer 10 %, some causes busy and others sparse. */
    static final List<Cause> CAUSES = List.of(
            new Cause("agent.knowledge", 0.18, FLAT_HOURS, FLAT_DAYS, false),
            new Cause("agent.attitude", 0.08, FLAT_HOURS, FLAT_DAYS, false),
            new Cause("agent.process_not_followed", 0.14, FLAT_HOURS, FLAT_DAYS, false),
            new Cause(
                    "company.billing",
                    0.16,
                    h -> 0.6 + 1.2 * bump(h, 9.5, 1.5),
                    new double[] {1.6, 1.2, 1, 1, 1, 0.7, 0.5},
                    true),
            new Cause(
                    "company.delivery",
                    0.12,
                    h -> 0.4 + 1.2 * bump(h, 15.5, 2.0),
                    new double[] {1, 1, 1, 1, 1, 0.6, 0.2},
                    false),
            new Cause(
                    "company.product",
                    0.09,
                    h -> 0.7 + 0.6 * bump(h, 19.5, 2.5),
                    new double[] {1, 1, 1, 1, 1, 1.6, 1.8},
                    false),
            new Cause("company.system", 0.06, FLAT_HOURS, FLAT_DAYS, false),
            new Cause("company.process", 0.05, FLAT_HOURS, new double[] {1.1, 1.1, 1.1, 1.1, 1.1, 0.8, 0.8}, false),
            new Cause("company.policy", 0.02, FLAT_HOURS, FLAT_DAYS, false),
            new Cause(
                    "customer.misuse",
                    0.03,
                    h -> 0.8 + 0.8 * bump(h, 20, 2),
                    new double[] {1, 1, 1, 1, 1, 1.3, 1.3},
                    false),
            new Cause("customer.expectation", 0.07, FLAT_HOURS, FLAT_DAYS, false));

    private static final double[] NORM = norms();

    private final ZoneId zone;
    private final double monthStart;
    private final double[] rates = new double[CAUSES.size()];
    private double total;
    private long slot = Long.MIN_VALUE;

    /** A weekly rhythm only. */
    public ComplaintRhythm(ZoneId zone) {
        this(zone, 1);
    }

    /**
     * @param monthStart billing complaints are this many times as frequent on days {@value #MONTH_START_FIRST_DAY}
     *     to {@value #MONTH_START_LAST_DAY} of the month (1: no month-start effect, only the weekly rhythm)
     */
    public ComplaintRhythm(ZoneId zone, double monthStart) {
        if (!(monthStart > 0)) {
            throw new IllegalArgumentException("month-start factor must be positive, got " + monthStart);
        }
        this.zone = zone;
        this.monthStart = monthStart;
    }

    public static int causeCount() {
        return CAUSES.size();
    }

    public static String code(int cause) {
        return CAUSES.get(cause).code();
    }

    /** Index of a cause code, or -1 if the simulator has no such cause. */
    public static int indexOf(String code) {
        for (int i = 0; i < CAUSES.size(); i++) {
            if (CAUSES.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    public static List<String> codes() {
        return CAUSES.stream().map(Cause::code).toList();
    }

    /** The cause's complaint rate at {@code epochMs}, relative to the average complaint rate of all causes. */
    public double rate(int cause, long epochMs) {
        at(epochMs);
        return rates[cause];
    }

    /** The sum of all causes' rates at {@code epochMs}: about 1 on weekly average. */
    public double total(long epochMs) {
        at(epochMs);
        return total;
    }

    /** A cause for a complaint raised at {@code epochMs}, in proportion to the causes' rates then. */
    public int pick(RandomGenerator rng, long epochMs) {
        at(epochMs);
        double u = rng.nextDouble() * total;
        for (int i = 0; i < rates.length - 1; i++) {
            u -= rates[i];
            if (u < 0) {
                return i;
            }
        }
        return rates.length - 1;
    }

    /** Rates of the quarter hour holding {@code epochMs}, computed once per quarter hour. */
    private void at(long epochMs) {
        long s = Math.floorDiv(epochMs, SLOT_MS);
        if (s == slot) {
            return;
        }
        slot = s;
        ZonedDateTime local = Instant.ofEpochMilli(s * SLOT_MS + SLOT_MS / 2).atZone(zone);
        double hour = local.getHour() + local.getMinute() / 60.0;
        int dayOfMonth = local.getDayOfMonth();
        double month = dayOfMonth >= MONTH_START_FIRST_DAY && dayOfMonth <= MONTH_START_LAST_DAY ? monthStart : 1;
        total = 0;
        for (int i = 0; i < rates.length; i++) {
            Cause c = CAUSES.get(i);
            rates[i] = c.share() * c.at(hour, local.getDayOfWeek()) * (c.invoiced() ? month : 1) / NORM[i];
            total += rates[i];
        }
    }

    /** Weekly mean of hour × day per cause, weighted by contact volume (5-minute steps, no month effect). */
    private static double[] norms() {
        double[] norm = new double[CAUSES.size()];
        double volume = 0;
        for (DayOfWeek d : DayOfWeek.values()) {
            double dayVolume = d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? WEEKEND_VOLUME : 1;
            for (int step = 0; step < 24 * 12; step++) {
                double h = (step + 0.5) / 12;
                double v = ArrivalCurve.atHour(h) * dayVolume;
                volume += v;
                for (int i = 0; i < norm.length; i++) {
                    norm[i] += v * CAUSES.get(i).at(h, d);
                }
            }
        }
        for (int i = 0; i < norm.length; i++) {
            norm[i] /= volume;
        }
        return norm;
    }

    private static double bump(double h, double centre, double width) {
        double z = (h - centre) / width;
        return Math.exp(-0.5 * z * z);
    }
}
