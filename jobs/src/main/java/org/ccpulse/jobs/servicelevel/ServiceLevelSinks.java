package org.ccpulse.jobs.servicelevel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.clickhouse.ClickHouseSink;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.schemas.event.DeadLetter;

/** The production sinks of the service-level job: its ClickHouse tables, and the dead letters. */
public final class ServiceLevelSinks {

    /** How long a row may wait in a sink's batch: part of the wallboard's freshness. */
    static final Duration MAX_DELAY = Duration.ofSeconds(1);

    /**
     * Rows of one queue_minute insert at most. Live, a batch is a few rows cut by {@link #MAX_DELAY};
     * in a backfill or catch-up minutes close by the thousand, and each insert costs a round trip and
     * a new part on the server while the aggregator's thread waits: 50,000 rather than 5,000 halved
     * the time spent inserting (jobs/BENCHMARKS.md).
     */
    static final int QUEUE_MINUTE_BATCH = 50_000;

    private ServiceLevelSinks() {
    }

    /**
     * Figures into ClickHouse; dead letters into ClickHouse's {@code dead_letters} and, when a Kafka
     * address is given, onto {@code deadLetterTopic}.
     */
    public static ServiceLevelJob.Sinks of(ClickHouseAccess clickHouse, String kafkaBootstrapServers, String deadLetterTopic) {
        List<Sink<DeadLetter>> deadLetters = new ArrayList<>();
        deadLetters.add(DeadLetterSinks.clickHouse(clickHouse, MAX_DELAY));
        if (kafkaBootstrapServers != null) {
            deadLetters.add(DeadLetterSinks.kafka(kafkaBootstrapServers, deadLetterTopic));
        }
        return new ServiceLevelJob.Sinks(
                new ClickHouseSink<>(clickHouse, ServiceLevelTables.QUEUE_MINUTE, QUEUE_MINUTE_BATCH, MAX_DELAY),
                new ClickHouseSink<>(clickHouse, ServiceLevelTables.QUEUE_LIVE, 1_000, MAX_DELAY),
                new ClickHouseSink<>(clickHouse, ServiceLevelTables.BUSINESS_DAYS, 1_000, MAX_DELAY),
                deadLetters);
    }
}
