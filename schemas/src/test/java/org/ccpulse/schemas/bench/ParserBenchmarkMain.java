package org.ccpulse.schemas.bench;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ParserBenchmark} with one thread and prints records/s per core for each topic.
 * {@code mvn -B -o -pl schemas test-compile exec:exec@bench} (see schemas/README.md).
 */
public final class ParserBenchmarkMain {
    private ParserBenchmarkMain() {}

    /** The mean size of the records the benchmark parses for {@code topic} (same seed per topic, same records). */
    private static double meanRecordBytes(String topic) {
        SampleRecords samples = new SampleRecords(ParserBenchmark.SEED);
        List<byte[]> records = switch (topic) {
            case "contactEvents" -> samples.contactEvents(ParserBenchmark.RECORDS);
            case "tickets" -> samples.tickets(ParserBenchmark.RECORDS);
            default -> samples.orders(ParserBenchmark.RECORDS);
        };
        return records.stream().mapToInt(r -> r.length).average().orElseThrow();
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ParserBenchmark.class.getName())
                .threads(1)
                .forks(1)
                .warmupIterations(4)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .jvmArgs("-Xms256m", "-Xmx256m")
                .build();
        Collection<RunResult> results = new Runner(options).run();

        System.out.println();
        System.out.println("Parse throughput, one thread (records/s per core):");
        for (RunResult result : results) {
            String topic = result.getParams().getBenchmark().replaceAll(".*\\.", "");
            double recordsPerSecond = result.getPrimaryResult().getScore();
            double meanBytes = meanRecordBytes(topic);
            System.out.printf(
                    Locale.ROOT,
                    "  %-14s %,12.0f records/s  (+- %,.0f, 99.9%% CI)  mean record %.0f B, %.0f MB/s%n",
                    topic,
                    recordsPerSecond,
                    result.getPrimaryResult().getScoreError(),
                    meanBytes,
                    recordsPerSecond * meanBytes / 1e6);
        }
    }
}
