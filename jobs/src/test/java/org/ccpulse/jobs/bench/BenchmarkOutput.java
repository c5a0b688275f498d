package org.ccpulse.jobs.bench;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the benchmarks print: a line per figure or step, with the UTC time (runs take minutes to hours). */
public final class BenchmarkOutput {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private BenchmarkOutput() {}

    /** One line, formatted with {@link Locale#ROOT} (decimal points and grouping the same on every machine). */
    public static void say(String format, Object... args) {
        System.out.println(
                "[" + LocalTime.now(ZoneOffset.UTC).format(CLOCK) + "] " + String.format(Locale.ROOT, format, args));
    }
}
