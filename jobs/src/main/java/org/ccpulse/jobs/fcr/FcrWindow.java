package org.ccpulse.jobs.fcr;

import java.io.Serializable;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One FCR window as configured and reported: {@code <n>h} or {@code <n>d}, optionally followed by
 * {@code _same_issue} (only a repeat with the same first segment of reason counts). A day is 24 hours
 * of event time, whatever the business zone's daylight-saving changes.
 *
 * @param label     as written in the configuration and in {@code fcr_contact_outcomes.window}
 * @param length    W: a repeat started in (completed, completed + W] makes the contact not resolved
 * @param sameIssue whether only a repeat about the same issue counts
 */
public record FcrWindow(String label, Duration length, boolean sameIssue) implements Serializable {

    /** The label suffix of a same-issue window. */
    public static final String SAME_ISSUE = "_same_issue";

    private static final Pattern LABEL = Pattern.compile("([1-9][0-9]{0,4})([hd])(" + SAME_ISSUE + ")?");

    /** The window a label names, e.g. {@code 7d} or {@code 72h_same_issue}; refuses anything else. */
    public static FcrWindow parse(String label) {
        Matcher m = label == null ? null : LABEL.matcher(label);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a window label: '" + label
                    + "' (expected <n>h or <n>d, optionally followed by " + SAME_ISSUE + ", e.g. 7d or 24h"
                    + SAME_ISSUE + ")");
        }
        long n = Long.parseLong(m.group(1));
        Duration length = m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
        return new FcrWindow(label, length, m.group(3) != null);
    }

    public long lengthMs() {
        return length.toMillis();
    }
}
