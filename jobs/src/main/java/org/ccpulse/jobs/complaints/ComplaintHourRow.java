package org.ccpulse.jobs.complaints;

/**
 * One row of ClickHouse's {@code complaints_hour}: one UTC hour, one business date, one cause, product,
 * department and channel. {@code version} is the number of events counted.
 */
public class ComplaintHourRow {
    public long hourStartMs;
    /** Business day (in the business zone) as days since 1970-01-01. */
    public long businessDay;

    public String cause;
    public String causeGroup;
    public String product;
    public String department;
    public String channel;
    public long complaints;
    public long reopens;
    public long version;

    public ComplaintHourRow() {}

    ComplaintHourRow(long hourStartMs, long businessDay, String key, ComplaintHourCounts counts) {
        String[] d = ComplaintRules.dimensions(key);
        this.hourStartMs = hourStartMs;
        this.businessDay = businessDay;
        this.cause = d[0];
        this.causeGroup = ComplaintRules.causeGroup(d[0]);
        this.product = d[1];
        this.department = d[2];
        this.channel = d[3];
        this.complaints = counts.complaints;
        this.reopens = counts.reopens;
        this.version = counts.events();
    }

    @Override
    public String toString() {
        return java.time.Instant.ofEpochMilli(hourStartMs) + " " + cause + "/" + product + "/" + department + "/"
                + channel + ": " + complaints + " complaints, " + reopens + " reopens (v" + version + ")";
    }
}
