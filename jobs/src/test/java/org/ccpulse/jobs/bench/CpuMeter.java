package org.ccpulse.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time spent while a run lasts, and where it went: the Flink task threads (the job's own work:
 * parsing, state, aggregation, the ClickHouse client of the sinks), the Kafka source's fetcher
 * threads, the rest of this JVM (the in-JVM Kafka broker, Flink's runtime, the benchmark, GC, JIT),
 * and child processes (the embedded ClickHouse server); and, from {@code /proc/stat}, how busy the
 * whole machine was, which shows what other processes (other builds on a shared machine) took.
 *
 * <p>Threads are sampled every {@value #SAMPLE_MS} ms, so a thread that ends loses at most its last
 * sample period; the JVM and child-process totals are exact.
 */
public final class CpuMeter {

    private static final long SAMPLE_MS = 200;
    /** Flink names a task thread "{operator chain} (subtask/parallelism)#attempt". */
    private static final Pattern FLINK_TASK = Pattern.compile(".*\\(\\d+/\\d+\\)#\\d+$");

    private static final String SOURCE_FETCHER = "Source Data Fetcher";

    /** CPU seconds by where they went, over {@code wallSeconds}. */
    public record Usage(
            double wallSeconds,
            double flinkTasks,
            double sourceFetchers,
            double jvmTotal,
            double childProcesses,
            double machineBusy,
            List<Map.Entry<String, Double>> busiestThreads) {

        double otherJvm() {
            return jvmTotal - flinkTasks - sourceFetchers;
        }

        double total() {
            return jvmTotal + childProcesses;
        }

        /** CPU seconds of every other process on the machine. */
        public double otherProcesses() {
            return Math.max(0, machineBusy - total());
        }

        /** Average cores kept busy by {@code cpuSeconds} over the run. */
        public double cores(double cpuSeconds) {
            return cpuSeconds / wallSeconds;
        }
    }

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, Long> baselineNanos = new HashMap<>();
    private final Map<Long, Long> latestNanos = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final long startWall;
    private final long startJvm;
    private final long startChildren;
    private final long startMachineBusy;
    private final Thread sampler;
    private volatile boolean running = true;

    private CpuMeter() {
        sampleThreads(true);
        startWall = System.nanoTime();
        startJvm = os.getProcessCpuTime();
        startChildren = childProcessCpuNanos();
        startMachineBusy = machineBusyNanos();
        sampler = new Thread(this::sampleUntilStopped, "bench-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static CpuMeter start() {
        return new CpuMeter();
    }

    public Usage stop() throws InterruptedException {
        running = false;
        sampler.join();
        double wall = (System.nanoTime() - startWall) / 1e9;
        double jvm = (os.getProcessCpuTime() - startJvm) / 1e9;
        double children = (childProcessCpuNanos() - startChildren) / 1e9;
        double machine = (machineBusyNanos() - startMachineBusy) / 1e9;
        sampleThreads(false);
        double tasks = 0;
        double fetchers = 0;
        Map<String, Double> byThread = new HashMap<>();
        for (var e : latestNanos.entrySet()) {
            double seconds = (e.getValue() - baselineNanos.getOrDefault(e.getKey(), 0L)) / 1e9;
            String name = names.get(e.getKey());
            if (name.startsWith(SOURCE_FETCHER)) {
                fetchers += seconds;
            } else if (FLINK_TASK.matcher(name).matches()) {
                tasks += seconds;
            }
            byThread.merge(name, seconds, Double::sum);
        }
        List<Map.Entry<String, Double>> busiest = byThread.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(6)
                .toList();
        return new Usage(wall, tasks, fetchers, jvm, children, machine, busiest);
    }

    private void sampleUntilStopped() {
        while (running) {
            sampleThreads(false);
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sampleThreads(boolean baseline) {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue; // ended since the ids were listed
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            (baseline ? baselineNanos : latestNanos).put(info.getThreadId(), cpu);
            names.put(info.getThreadId(), info.getThreadName());
        }
    }

    /**
     * Busy CPU time of the whole machine: the first line of /proc/stat minus idle and iowait, in
     * clock ticks of 1/100 s (USER_HZ is 100 on Linux).
     */
    private static long machineBusyNanos() {
        try {
            String[] ticks =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8 && i < ticks.length; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(ticks[i]);
                }
            }
            return busy * 10_000_000L;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/stat", e);
        }
    }

    /** CPU of this JVM's child processes (the embedded ClickHouse server); 0 when ClickHouse is external. */
    private static long childProcessCpuNanos() {
        return ProcessHandle.current()
                .descendants()
                .mapToLong(
                        p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }
}
