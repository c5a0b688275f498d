package org.ccpulse.jobs.calendar;

import org.ccpulse.jobs.clickhouse.ClickHouseTable;

/** How business days map onto ClickHouse's {@code business_days} table, which tells every view what "today" is. */
public final class BusinessDays {

    public static final ClickHouseTable<BusinessDay> TABLE = ClickHouseTable.<BusinessDay>named("business_days")
            .date("business_date", d -> d.epochDay)
            .utc("day_start", d -> d.startMs)
            .utc("day_end", d -> d.endMs)
            .text("zone", d -> d.zone);

    private BusinessDays() {}
}
