package org.ccpulse.jobs.complaints;

import java.util.Arrays;
import org.ccpulse.jobs.platform.ArrayInsert;

/**
 * The running counts of the local hours a spike detector has not observed yet, oldest first: a few entries (the
 * hours between the watermark and the latest complaint), kept as small arrays so that a complaint costs one state
 * read of a few bytes (a Flink POJO). Besides its count, each hour keeps the minute (of the hour) of each of its
 * complaints, one byte each, so an hour can be checked as it stood at any minute of event time, whenever it is
 * checked ({@link #countsByMinute}).
 */
public class PendingHours {
    public long[] hours = new long[0];
    public long[] counts = new long[0];
    /**
     * The minute of the hour of each complaint counted, hour by hour in the order of {@link #hours} ({@code counts[i]}
     * entries for hour {@code i}). Unknown (empty or null while the counts are not) in a state written before the
     * minutes were kept, until its hours are dropped.
     */
    public byte[] minutes = new byte[0];

    public PendingHours() {}

    boolean isEmpty() {
        return hours.length == 0;
    }

    /** Adds one complaint, in minute {@code minute} (0 to 59) of {@code hour}; returns the hour's count so far. */
    long add(long hour, int minute) {
        if (minute < 0 || minute >= 60) {
            throw new IllegalArgumentException("not a minute of an hour: " + minute);
        }
        boolean knowsMinutes = knowsMinutes();
        int i = Arrays.binarySearch(hours, hour);
        if (i < 0) {
            i = -i - 1;
            hours = ArrayInsert.insert(hours, i, hour);
            counts = ArrayInsert.insert(counts, i, 0);
        }
        counts[i]++;
        if (knowsMinutes) {
            minutes = ArrayInsert.insert(minutes, offsetOf(i + 1) - 1, (byte) minute);
        }
        return counts[i];
    }

    /** The count so far of {@code hour} (0 when it has none). */
    long countOf(long hour) {
        int i = Arrays.binarySearch(hours, hour);
        return i >= 0 ? counts[i] : 0;
    }

    /**
     * The complaints of {@code hour} counted so far by the end of each of its minutes: {@code [m]} those in minutes 0
     * to {@code m}. Null when the minutes are unknown (a state from before they were kept).
     */
    long[] countsByMinute(long hour) {
        int i = Arrays.binarySearch(hours, hour);
        if (!knowsMinutes()) {
            return null;
        }
        long[] before = new long[60];
        if (i < 0) {
            return before;
        }
        for (int k = offsetOf(i), end = offsetOf(i + 1); k < end; k++) {
            before[minutes[k]]++;
        }
        for (int m = 1; m < 60; m++) {
            before[m] += before[m - 1];
        }
        return before;
    }

    /** The number of hours at or before {@code hour} (they are the first ones). */
    int upTo(long hour) {
        int i = Arrays.binarySearch(hours, hour);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Drops the first {@code n} hours. */
    void dropFirst(int n) {
        boolean knowsMinutes = knowsMinutes();
        int dropped = offsetOf(n);
        hours = Arrays.copyOfRange(hours, n, hours.length);
        counts = Arrays.copyOfRange(counts, n, counts.length);
        if (knowsMinutes) {
            minutes = Arrays.copyOfRange(minutes, dropped, minutes.length);
        } else if (hours.length == 0) {
            minutes = new byte[0]; // known again from here on
        }
    }

    private boolean knowsMinutes() {
        return minutes != null && minutes.length == offsetOf(counts.length);
    }

    /** The number of complaints in the first {@code n} hours. */
    private int offsetOf(int n) {
        long sum = 0;
        for (int k = 0; k < n; k++) {
            sum += counts[k];
        }
        return Math.toIntExact(sum);
    }
}
