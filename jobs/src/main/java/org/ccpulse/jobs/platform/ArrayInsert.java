package org.ccpulse.jobs.platform;

import java.util.Arrays;

/**
 * A copy of an array with one value inserted: how the small sorted arrays that stand for a key's state in one
 * Flink POJO (pending complaint hours, a customer's orders) grow. O(n), meant for the few dozen entries they hold.
 */
public final class ArrayInsert {

    private ArrayInsert() {}

    public static long[] insert(long[] a, int at, long v) {
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = v;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    public static byte[] insert(byte[] a, int at, byte v) {
        byte[] b = new byte[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = v;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    public static <T> T[] insert(T[] a, int at, T v) {
        T[] b = Arrays.copyOf(a, a.length + 1);
        System.arraycopy(a, at, b, at + 1, a.length - at);
        b[at] = v;
        return b;
    }
}
