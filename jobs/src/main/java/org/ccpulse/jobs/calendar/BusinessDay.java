package org.ccpulse.jobs.calendar;

/** A business day of the business zone as a UTC range: a row of ClickHouse's {@code business_days}. A Flink POJO. */
public class BusinessDay {
    public long epochDay;
    public long startMs;
    public long endMs;
    public String zone;

    public BusinessDay() {}

    public BusinessDay(long epochDay, long startMs, long endMs, String zone) {
        this.epochDay = epochDay;
        this.startMs = startMs;
        this.endMs = endMs;
        this.zone = zone;
    }
}
