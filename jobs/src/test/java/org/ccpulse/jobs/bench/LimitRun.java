package org.ccpulse.jobs.bench;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.ccpulse.jobs.intake.IntakeSources;
import org.ccpulse.jobs.platform.Topic;

/**
 * The limit a job's throughput is compared with (issue 12): the same topic read from Kafka and parsed, nothing
 * else. The intake's source parses each record as the jobs' does; its records are dropped at once (no
 * deduplication, no state, no sink). Parallelism 1, on a local cluster of its own in this JVM, as the job runs.
 */
final class LimitRun {

    record Result(long records, double seconds, CpuMeter.Usage cpu) {

        double recordsPerSecond() {
            return records / seconds;
        }

        /** Records per CPU-second of the Flink task and Kafka fetcher threads. */
        double recordsPerTaskCpuSecond() {
            return records / (cpu.flinkTasks() + cpu.sourceFetchers());
        }
    }

    private LimitRun() {}

    static Result run(PrefilledTopic input, String bootstrapServers) throws Exception {
        String group = "bench-limit-" + System.nanoTime(); // a new group reads from the earliest offset
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.fromSource(
                        IntakeSources.kafkaUntilNow(
                                bootstrapServers,
                                input.topic(),
                                group,
                                Topic.CONTACT_EVENTS.parsers(),
                                Topic.CONTACT_EVENTS.intakeType()),
                        WatermarkStrategy.noWatermarks(),
                        "read and parse")
                .sinkTo(new DiscardingSink<>());
        CpuMeter cpu = CpuMeter.start();
        long t0 = System.nanoTime();
        env.execute("limit: read and parse " + input.topic());
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(input.records(), seconds, cpu.stop());
    }
}
