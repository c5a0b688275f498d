package org.ccpulse.jobs.complaints;

/**
 * What the spike detector remembers of one cause (or cause group): the seasonal baseline and the
 * open episode, if any. A Flink POJO of fixed size (arrays of 168 hours-of-week, 7 days, 2 x 24
 * hour-of-day shares), whatever the number of hours seen; {@link SpikeDetector} reads and updates it.
 *
 * <p>Hours of the week are numbered from Monday 00:00 local time: {@code 24 * (dayOfWeek - 1) + hour}.
 */
public class SpikeBaseline {

    public static final int HOURS_OF_WEEK = 168;
    public static final int DAYS_OF_WEEK = 7;
    /** Day types of the hour-of-day profile: 0 Monday to Friday, 1 Saturday and Sunday. */
    public static final int DAY_TYPES = 2;

    public static final long NONE = Long.MIN_VALUE;

    public SpikeLevel level;
    public String key;

    /** Per hour-of-week: exponentially weighted mean of the hour's count. */
    public double[] slotMean = new double[HOURS_OF_WEEK];
    /** Per hour-of-week: exponentially weighted (biased, population) variance of the hour's count. */
    public double[] slotVar = new double[HOURS_OF_WEEK];
    /** Per hour-of-week: the sum of the squared weights of the mean; 1 / it is its effective sample size. */
    public double[] slotSumSqWeights = new double[HOURS_OF_WEEK];
    /** Per hour-of-week: how many hours were observed (saturates). */
    public int[] slotObservations = new int[HOURS_OF_WEEK];

    /** Per day of week (Monday 0): exponentially weighted mean of the day's total. */
    public double[] dayMean = new double[DAYS_OF_WEEK];

    public int[] dayObservations = new int[DAYS_OF_WEEK];

    /** Per day type and hour of day (type * 24 + hour): exponentially weighted count in that hour. */
    public double[] profileHour = new double[DAY_TYPES * 24];
    /** Per day type: exponentially weighted day total, the denominator of the hour-of-day shares. */
    public double[] profileDay = new double[DAY_TYPES];

    public int[] profileDays = new int[DAY_TYPES];

    /** The local date (epoch day) being accumulated, its counts by local hour, and whether it was seen from midnight. */
    public long currentDay = NONE;

    public double[] currentDayCounts = new double[24];
    public boolean currentDayFromMidnight;

    /** The start of the last hour observed in full. */
    public long lastHourMs = NONE;

    public long hoursObserved;

    /** The hour the open spike opened in, or {@link #NONE}. */
    public long openedAtMs = NONE;

    public SpikeBaseline() {}

    public static SpikeBaseline create(SpikeLevel level, String key) {
        SpikeBaseline b = new SpikeBaseline();
        b.level = level;
        b.key = key;
        return b;
    }

    public boolean isOpen() {
        return openedAtMs != NONE;
    }
}
