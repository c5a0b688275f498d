package org.ccpulse.jobs.complaints;

import java.util.Arrays;

/**
 * The running counts of the local hours a spike detector has not observed yet, oldest first: a few entries (the
 * hours between the watermark and the latest complaint), kept as two small arrays so that a complaint costs one
 * state read of a few bytes (a Flink POJO).
 */
public class PendingHours {
    public long[] hours = new long[0];
    public long[] counts = new long[0];

    public PendingHours() {}

    boolean isEmpty() {
        return hours.length == 0;
    }

    /** Adds one complaint to {@code hour}; returns its count so far. */
    long add(long hour) {
        int i = Arrays.binarySearch(hours, hour);
        if (i >= 0) {
            return ++counts[i];
        }
        int at = -i - 1;
        hours = insert(hours, at, hour);
        counts = insert(counts, at, 1);
        return 1;
    }

    /** The count so far of {@code hour} (0 when it has none). */
    long countOf(long hour) {
        int i = Arrays.binarySearch(hours, hour);
        return i >= 0 ? counts[i] : 0;
    }

    /** The number of hours at or before {@code hour} (they are the first ones). */
    int upTo(long hour) {
        int i = Arrays.binarySearch(hours, hour);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** Drops the first {@code n} hours. */
    void dropFirst(int n) {
        hours = Arrays.copyOfRange(hours, n, hours.length);
        counts = Arrays.copyOfRange(counts, n, counts.length);
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = v;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }
}
