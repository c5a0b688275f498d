package org.ccpulse.jobs.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;

/**
 * Asks ClickHouse every {@code interval} how many exits each queue key shows, and how many wait in each probe queue
 * key, as a wallboard would, and logs each count with the time the poll started (a count first seen by poll k became visible
 * between the starts of polls k-1 and k, so the logged latency errs late by at most one interval).
 */
final class VisibilityPoller implements Runnable {

    private final ClickHouseAccess db;
    private final Duration interval;
    private final FreshnessLog log;
    private final FreshnessLog arrivals;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private long polls;
    private long pollNanos;

    VisibilityPoller(ClickHouseAccess db, Duration interval, FreshnessLog log, FreshnessLog arrivals) {
        this.db = db;
        this.interval = interval;
        this.log = log;
        this.arrivals = arrivals;
    }

    void stop() {
        stopped = true;
    }

    /** Mean duration of one poll (both queries), ms (read after the poller thread has ended). */
    double meanPollMs() {
        return polls == 0 ? Double.NaN : pollNanos / 1e6 / polls;
    }

    Exception failure() {
        return failure.get();
    }

    @Override
    public void run() {
        try (Connection c = db.open()) {
            while (!stopped) {
                long startedAt = System.currentTimeMillis();
                long t0 = System.nanoTime();
                Map<String, Long> counts = QueueMinuteReads.exitsPerQueueKey(c);
                Map<String, Long> waiting = QueueMinuteReads.waitingPerQueueKey(c, LiveContactGenerator.PROBE_QUEUE);
                pollNanos += System.nanoTime() - t0;
                polls++;
                counts.forEach((key, count) -> log.visible(key, count, startedAt));
                waiting.forEach((key, count) -> arrivals.visible(key, count, startedAt));
                long rest = startedAt + interval.toMillis() - System.currentTimeMillis();
                if (rest > 0) {
                    Thread.sleep(rest);
                }
            }
        } catch (SQLException e) {
            failure.set(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
