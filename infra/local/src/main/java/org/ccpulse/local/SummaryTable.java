package org.ccpulse.local;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders the live summary as a small fixed-width table for the terminal. */
public final class SummaryTable {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String ROW = "%-12s %7s %7s %-5s %8s %8s %15s%n";
    private static final String NONE = "-";

    private SummaryTable() {}

    public static String render(Instant now, List<QueueSummary> queues) {
        StringBuilder table = new StringBuilder();
        table.append("-- ccpulse live ")
                .append(CLOCK.format(now))
                .append(' ')
                .append("-".repeat(51))
                .append('\n');
        table.append(String.format(
                Locale.ROOT, ROW, "queue", "SL 60m", "target", "", "waiting", "oldest", "answered today"));
        if (queues.isEmpty()) {
            table.append("(no figures yet: the job writes its first rows within seconds of the first contacts)\n");
        }
        for (QueueSummary q : queues) {
            table.append(String.format(
                    Locale.ROOT,
                    ROW,
                    q.queue(),
                    percent(q.serviceLevel60m()),
                    percent(q.target()),
                    q.belowTarget() ? "BELOW" : "",
                    q.waiting(),
                    duration(q.oldestWaitS()),
                    q.answeredToday()));
        }
        return table.toString();
    }

    /** 0.8312 as "83.1%"; null as "-". */
    static String percent(Double share) {
        return share == null ? NONE : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Seconds as m:ss, or h:mm:ss from an hour on; null as "-". */
    static String duration(Long seconds) {
        if (seconds == null) {
            return NONE;
        }
        long s = Math.max(0, seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
