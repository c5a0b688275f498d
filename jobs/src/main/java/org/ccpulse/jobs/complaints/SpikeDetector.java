package org.ccpulse.jobs.complaints;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ccpulse.jobs.complaints.ComplaintSpike.Status;

/**
 * The complaint spike detector of one cause or cause group, as plain functions over its
 * {@link SpikeBaseline} (jobs/README.md "Complaint spikes" has the method and its figures).
 *
 * <ul>
 *   <li>{@link #observeHour} once per full local hour, in order, with the hour's count (0 included):
 *       compares it with the hour's bound, opens or closes the spike, then learns from it. Hours
 *       skipped since the last one observed count as 0 complaints.
 *   <li>{@link #checkPartialHour} as complaints of the current hour arrive, with the count so far:
 *       opens the spike as soon as that count is already above the <em>full</em> hour's bound (and the
 *       other conditions hold). A count only grows, so the full hour would open it too: this changes
 *       when a spike opens, never whether, and so leaves the false-alarm rate unchanged. It never
 *       closes a spike nor changes the baseline.
 * </ul>
 *
 * Hours are local hours of the business time zone; the hour of the week is read from local time,
 * so a 23- or 25-hour day has one hour fewer or one hour of the week seen twice.
 */
public final class SpikeDetector implements Serializable {

    /** The least expected count used, so that a cause never seen in an hour still has a (tiny) distribution. */
    static final double MIN_EXPECTED = 0.01;

    /** At most this many skipped hours are filled with zeros (the most recent ones): a year. */
    static final int MAX_FILLED_HOURS = 53 * SpikeBaseline.HOURS_OF_WEEK;

    private static final long HOUR_MS = 3_600_000L;
    private static final int OBSERVATIONS_CAP = 1_000_000;

    private final SpikeSettings settings;
    private final ZoneId zone;

    public SpikeDetector(SpikeSettings settings, ZoneId zone) {
        this.settings = settings;
        this.zone = zone;
    }

    public SpikeSettings settings() {
        return settings;
    }

    /**
     * The baseline's view of the hour starting at {@code hourStartMs}.
     *
     * @param known whether anything is known of this hour (false before the first observation of it
     *     or of its day); the other figures are meaningless when false
     * @param expected the expected count: the hour-of-week's mean shrunk toward day level x hour-of-day share
     * @param variance the predictive variance (over-dispersion and the uncertainty of the mean included)
     * @param bound the upper quantile at 1 - tail probability
     * @param closeThreshold the quantile at the close quantile
     * @param warmedUp whether the hour-of-week has {@code warmupWeeks} observations
     */
    public record Estimate(
            boolean known,
            double expected,
            double variance,
            long bound,
            long closeThreshold,
            boolean warmedUp,
            CountModel model) {

        static final Estimate UNKNOWN = new Estimate(false, Double.NaN, Double.NaN, -1, -1, false, null);

        double score(long observed) {
            return known ? model.score(observed) : 0.0;
        }
    }

    /** Hour of the week of a local time: Monday 00:00 is 0, Sunday 23:00 is 167. */
    public static int hourOfWeek(ZonedDateTime local) {
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    /** Observes a full hour; see the class comment. A stale hour (at or before the last observed) changes nothing. */
    public SpikeDecision observeHour(SpikeBaseline s, long hourStartMs, long count) {
        ZonedDateTime local = checkedHour(hourStartMs, count);
        if (s.lastHourMs != SpikeBaseline.NONE && hourStartMs <= s.lastHourMs) {
            return new SpikeDecision(hourStartMs, count, Double.NaN, -1, -1, 0, false, s.isOpen(), List.of());
        }
        List<ComplaintSpike> events = new ArrayList<>();
        if (s.lastHourMs != SpikeBaseline.NONE) {
            long from = Math.max(s.lastHourMs + HOUR_MS, hourStartMs - (long) MAX_FILLED_HOURS * HOUR_MS);
            for (long h = from; h < hourStartMs; h += HOUR_MS) {
                process(s, h, Instant.ofEpochMilli(h).atZone(zone), 0, events);
            }
        }
        Estimate e = process(s, hourStartMs, local, count, events);
        return new SpikeDecision(
                hourStartMs,
                count,
                e.expected,
                e.bound,
                e.closeThreshold,
                e.score(count),
                e.warmedUp,
                s.isOpen(),
                events);
    }

    /** Checks the hour in progress with its count so far; see the class comment. */
    public SpikeDecision checkPartialHour(SpikeBaseline s, long hourStartMs, long countSoFar) {
        ZonedDateTime local = checkedHour(hourStartMs, countSoFar);
        if (s.lastHourMs != SpikeBaseline.NONE && hourStartMs <= s.lastHourMs) {
            return new SpikeDecision(hourStartMs, countSoFar, Double.NaN, -1, -1, 0, false, s.isOpen(), List.of());
        }
        Estimate e = estimate(s, local);
        List<ComplaintSpike> events = new ArrayList<>();
        if (!s.isOpen() && opens(e, countSoFar)) {
            events.add(event(s, Status.OPENED, hourStartMs, countSoFar, e, hourStartMs, true));
            s.openedAtMs = hourStartMs;
        }
        return new SpikeDecision(
                hourStartMs,
                countSoFar,
                e.expected,
                e.bound,
                e.closeThreshold,
                e.score(countSoFar),
                e.warmedUp,
                s.isOpen(),
                events);
    }

    /** The baseline's view of the hour starting at {@code hourStartMs}, without changing it. */
    public Estimate estimate(SpikeBaseline s, long hourStartMs) {
        return estimate(s, Instant.ofEpochMilli(hourStartMs).atZone(zone));
    }

    private Estimate process(SpikeBaseline s, long h, ZonedDateTime local, long count, List<ComplaintSpike> events) {
        rollDay(s, h, local);
        Estimate e = estimate(s, local);
        // A spike opened by a partial check of a later hour: this earlier hour is not part of it.
        boolean beforeEpisode = s.isOpen() && s.openedAtMs > h;
        if (s.isOpen() && !beforeEpisode) {
            long close = e.known ? e.closeThreshold : 0;
            if (count <= close) {
                events.add(event(s, Status.CLOSED, h, count, e, s.openedAtMs, false));
                s.openedAtMs = SpikeBaseline.NONE;
            }
        } else if (!s.isOpen() && opens(e, count)) {
            events.add(event(s, Status.OPENED, h, count, e, h, false));
            s.openedAtMs = h;
        }
        boolean inEpisode = s.isOpen() && s.openedAtMs <= h;
        learn(s, local, winsorized(e, count, inEpisode));
        s.lastHourMs = h;
        s.hoursObserved++;
        return e;
    }

    private boolean opens(Estimate e, long count) {
        return e.known
                && e.warmedUp
                && count > e.bound
                && count >= settings.minCount()
                && count >= settings.minRatio() * e.expected;
    }

    /**
     * What the baseline learns from an hour: an hour of an open spike counts at most its close
     * threshold, any other hour (once warmed up) at most its bound, so a surge does not become the
     * norm and one wild hour moves the mean by little.
     */
    private static double winsorized(Estimate e, long count, boolean inEpisode) {
        if (!e.known) {
            return count;
        }
        if (inEpisode) {
            return Math.min(count, e.closeThreshold);
        }
        return e.warmedUp ? Math.min(count, e.bound) : count;
    }

    private Estimate estimate(SpikeBaseline s, ZonedDateTime local) {
        int slot = hourOfWeek(local);
        int dow = local.getDayOfWeek().getValue() - 1;
        int type = dayType(local.getDayOfWeek());
        int n = s.slotObservations[slot];
        boolean priorKnown = s.dayObservations[dow] > 0 && s.profileDays[type] > 0 && s.profileDay[type] > 0;
        if (n == 0 && !priorKnown) {
            return Estimate.UNKNOWN;
        }
        double prior =
                priorKnown ? s.dayMean[dow] * s.profileHour[type * 24 + local.getHour()] / s.profileDay[type] : 0;
        double nEff = n == 0 ? 0 : 1 / s.slotSumSqWeights[slot];
        double w = n == 0 ? 0 : priorKnown ? nEff / (nEff + settings.shrinkageWeeks()) : 1;
        double slotMean = s.slotMean[slot];
        double mean = Math.max(MIN_EXPECTED, w * slotMean + (1 - w) * prior);
        // Index of dispersion of the slot (variance / mean, unbiased weighted variance), shrunk toward Poisson's 1.
        double slotDispersion = 1;
        if (n >= 2 && slotMean > 0 && s.slotSumSqWeights[slot] < 1) {
            slotDispersion = s.slotVar[slot] / (1 - s.slotSumSqWeights[slot]) / slotMean;
        }
        double dispersion = Math.max(1, w * slotDispersion + (1 - w));
        // The mean is itself estimated: its variance (~ w^2 var / nEff) widens the predictive distribution.
        double variance = mean * dispersion * (1 + (n == 0 ? 0 : w * w / nEff));
        CountModel model = new CountModel(mean, variance);
        return new Estimate(
                true,
                mean,
                variance,
                model.quantile(1 - settings.tailProbability()),
                model.quantile(settings.closeQuantile()),
                n >= settings.warmupWeeks(),
                model);
    }

    private void learn(SpikeBaseline s, ZonedDateTime local, double x) {
        int slot = hourOfWeek(local);
        int n = Math.min(OBSERVATIONS_CAP, s.slotObservations[slot] + 1);
        double a = Math.max(settings.weeklyAlpha(), 1.0 / n);
        double diff = x - s.slotMean[slot];
        s.slotMean[slot] += a * diff;
        s.slotVar[slot] = (1 - a) * (s.slotVar[slot] + a * diff * diff);
        s.slotSumSqWeights[slot] = (1 - a) * (1 - a) * s.slotSumSqWeights[slot] + a * a;
        s.slotObservations[slot] = n;
        s.currentDayCounts[local.getHour()] += x;
    }

    /** On the first hour of a new local date, the day before (if seen from its midnight) feeds the day level and profile. */
    private void rollDay(SpikeBaseline s, long h, ZonedDateTime local) {
        LocalDate date = local.toLocalDate();
        long day = date.toEpochDay();
        if (s.currentDay == day) {
            return;
        }
        if (s.currentDay != SpikeBaseline.NONE && s.currentDayFromMidnight) {
            finishDay(s, LocalDate.ofEpochDay(s.currentDay));
        }
        Arrays.fill(s.currentDayCounts, 0);
        s.currentDay = day;
        s.currentDayFromMidnight = h == date.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private void finishDay(SpikeBaseline s, LocalDate date) {
        double total = 0;
        for (double c : s.currentDayCounts) {
            total += c;
        }
        int dow = date.getDayOfWeek().getValue() - 1;
        int nd = Math.min(OBSERVATIONS_CAP, s.dayObservations[dow] + 1);
        s.dayMean[dow] += Math.max(settings.weeklyAlpha(), 1.0 / nd) * (total - s.dayMean[dow]);
        s.dayObservations[dow] = nd;

        int type = dayType(date.getDayOfWeek());
        int np = Math.min(OBSERVATIONS_CAP, s.profileDays[type] + 1);
        double a = Math.max(settings.alpha(type == 0 ? 5 : 2), 1.0 / np);
        for (int hour = 0; hour < 24; hour++) {
            s.profileHour[type * 24 + hour] += a * (s.currentDayCounts[hour] - s.profileHour[type * 24 + hour]);
        }
        s.profileDay[type] += a * (total - s.profileDay[type]);
        s.profileDays[type] = np;
    }

    private static int dayType(DayOfWeek d) {
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? 1 : 0;
    }

    private ComplaintSpike event(
            SpikeBaseline s, Status status, long h, long observed, Estimate e, long openedAtMs, boolean partial) {
        return new ComplaintSpike(
                ComplaintSpike.spikeId(s.level, s.key, openedAtMs),
                s.level,
                s.key,
                status,
                h,
                observed,
                e.expected,
                e.bound,
                e.score(observed),
                openedAtMs,
                partial);
    }

    private ZonedDateTime checkedHour(long hourStartMs, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + count);
        }
        ZonedDateTime local = Instant.ofEpochMilli(hourStartMs).atZone(zone);
        if (!local.truncatedTo(ChronoUnit.HOURS).equals(local)) {
            throw new IllegalArgumentException("not the start of a local hour in " + zone + ": " + local);
        }
        return local;
    }
}
