package org.ccpulse.jobs.complaints;

/**
 * What one hour of one (cause, product, department, channel) holds: complaints, reopens, and the events
 * counted, which is the row's version (it only grows, so a rewrite never replaces a fuller row). A Flink POJO.
 */
public class ComplaintHourCounts {
    public long complaints;
    public long reopens;

    public ComplaintHourCounts() {}

    public long events() {
        return complaints + reopens;
    }

    public ComplaintHourCounts copy() {
        ComplaintHourCounts c = new ComplaintHourCounts();
        c.complaints = complaints;
        c.reopens = reopens;
        return c;
    }
}
