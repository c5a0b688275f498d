package org.ccpulse.jobs.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.ccpulse.infra.kafka.KafkaTopics;
import org.ccpulse.jobs.clickhouse.ClickHouseAccess;
import org.ccpulse.jobs.platform.Inputs;
import org.ccpulse.jobs.platform.StateSettings;
import org.ccpulse.jobs.testing.JobRuns;

/**
 * Freshness: live contact events at a fixed rate into Kafka while the unbounded job (parallelism 1)
 * runs; for every ANSWERED/ABANDONED event of the measured span, the time from its event time (= when
 * it was sent) until ClickHouse's {@code queue_minute} counts it; and for every arrival in a probe queue (see
 * {@link LiveContactGenerator}) until {@code queue_live} counts it as waiting. A warm-up span before (JIT, Kafka
 * consumer start) is sent but not measured; after the span, polling goes on until every exit is seen.
 * Then, before the job is cancelled, its checkpoint statistics are read ({@link CheckpointStats}): the
 * live job's state grows with every contact of the last 2 h, so checkpoint cost shows here.
 */
final class FreshnessRun {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration JOB_START_TIMEOUT = Duration.ofSeconds(60);

    /** {@code slices}: the measured span cut into {@link #SLICE}s of event time, to show whether latency drifts. */
    record Result(
            double targetRate,
            double achievedRate,
            long events,
            long exitsMeasured,
            FreshnessLog.Latencies latencies,
            List<FreshnessLog.Latencies> slices,
            FreshnessLog.Latencies waiting,
            List<FreshnessLog.Latencies> waitingSlices,
            double meanPollMs,
            Duration pollInterval,
            CpuMeter.Usage cpu,
            StateSettings.Backend backend,
            long sendingStartedAtMs,
            CheckpointStats checkpoints) {}

    static final Duration SLICE = Duration.ofSeconds(10);

    private FreshnessRun() {}

    static Result run(
            double eventsPerSecond,
            Duration warmup,
            Duration measured,
            Duration pollInterval,
            String bootstrapServers,
            String topic,
            ClickHouseAccess db,
            Path checkpointDir,
            StateSettings.Backend backend)
            throws Exception {
        KafkaTopics.create(bootstrapServers, PrefilledTopic.PARTITIONS, topic);
        BenchmarkJob.Running running = BenchmarkJob.start(
                "freshness p1",
                1,
                Inputs.kafka(bootstrapServers, "bench-live", JobRuns.contactEventsFrom(topic)),
                db,
                checkpointDir,
                backend);
        JobClient job = running.job();
        try {
            awaitRunning(job);
            FreshnessLog log = new FreshnessLog();
            FreshnessLog arrivals = new FreshnessLog();
            VisibilityPoller poller = new VisibilityPoller(db, pollInterval, log, arrivals);
            LiveContactGenerator generator = new LiveContactGenerator(
                    bootstrapServers, topic, PrefilledTopic.PARTITIONS, eventsPerSecond, log, arrivals);
            Thread pollerThread = new Thread(poller, "bench-poller");
            Thread generatorThread = new Thread(generator, "bench-generator");
            pollerThread.start();
            long t0 = System.nanoTime();
            long sendingStartedAtMs = System.currentTimeMillis();
            generatorThread.start();

            Thread.sleep(warmup.toMillis());
            long measureFrom = System.currentTimeMillis();
            CpuMeter cpu = CpuMeter.start();
            Thread.sleep(measured.toMillis());
            generator.stop();
            generatorThread.join();
            if (generator.failure() != null) {
                throw new IllegalStateException("sending live events to Kafka failed", generator.failure());
            }
            double generatedSeconds = (System.nanoTime() - t0) / 1e9;
            CpuMeter.Usage usage = cpu.stop();

            long drainUntil = System.currentTimeMillis() + DRAIN_TIMEOUT.toMillis();
            while (!(log.allVisible() && arrivals.allVisible())
                    && System.currentTimeMillis() < drainUntil
                    && poller.failure() == null) {
                Thread.sleep(100);
            }
            // Before the cancel: every checkpoint of the run, the state grown by all events sent.
            CheckpointStats checkpoints = readCheckpoints(running);
            poller.stop();
            pollerThread.join();
            if (poller.failure() != null) {
                throw new IllegalStateException("polling ClickHouse failed", poller.failure());
            }
            long measureTo = measureFrom + measured.toMillis();
            FreshnessLog.Latencies latencies = log.latencies(measureFrom, Long.MAX_VALUE);
            List<FreshnessLog.Latencies> slices = new ArrayList<>();
            List<FreshnessLog.Latencies> waitingSlices = new ArrayList<>();
            for (long from = measureFrom; from < measureTo; from += SLICE.toMillis()) {
                long to = Math.min(from + SLICE.toMillis(), measureTo);
                slices.add(log.latencies(from, to));
                waitingSlices.add(arrivals.latencies(from, to));
            }
            return new Result(
                    eventsPerSecond,
                    generator.sent() / generatedSeconds,
                    generator.sent(),
                    latencies.sortedMillis().length + latencies.unseen(),
                    latencies,
                    slices,
                    arrivals.latencies(measureFrom, Long.MAX_VALUE),
                    waitingSlices,
                    poller.meanPollMs(),
                    pollInterval,
                    usage,
                    backend,
                    sendingStartedAtMs,
                    checkpoints);
        } finally {
            job.cancel().get();
        }
    }

    /** The job's checkpoint statistics; null (and a note) if the REST API did not answer, the figures above still stand. */
    private static CheckpointStats readCheckpoints(BenchmarkJob.Running running) {
        try {
            return CheckpointStats.read(running.rest(), running.job().getJobID());
        } catch (Exception e) {
            System.out.println("could not read checkpoint statistics from " + running.rest() + ": " + e);
            return null;
        }
    }

    /** Until the job is RUNNING, and a moment more for its tasks to deploy and the source to find its partitions. */
    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.currentTimeMillis() + JOB_START_TIMEOUT.toMillis();
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.currentTimeMillis() > deadline
                    || job.getJobStatus().get().isTerminalState()) {
                throw new IllegalStateException(
                        "the job did not start: " + job.getJobStatus().get());
            }
            Thread.sleep(100);
        }
        Thread.sleep(2_000);
    }
}
