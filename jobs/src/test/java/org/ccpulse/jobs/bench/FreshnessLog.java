package org.ccpulse.jobs.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches produced exits (ANSWERED/ABANDONED) to the moment ClickHouse shows them, per queue key.
 *
 * <p>The generator logs each exit's event time in the order it sends them; the poller logs, per key,
 * when the visible count of exits ({@code sum(answered + abandoned)}) first reached 1, 2, 3, ... The
 * n-th exit of a key became visible when the count first reached n. That holds because all contacts
 * of one key go to one Kafka partition and the job (parallelism 1) keeps a partition's order up to
 * the aggregator, whose flushes therefore always cover a prefix of the key's exits.
 */
final class FreshnessLog {

    /** Latencies (ms, sorted) of the exits measured; {@code unseen}: measured exits never seen; {@code excess}: counts seen beyond what was sent (must be 0). */
    record Latencies(long[] sortedMillis, long unseen, long excess) {}

    private final Map<String, List<Long>> eventTimes = new HashMap<>();
    private final Map<String, List<Long>> visibleTimes = new HashMap<>();

    synchronized void produced(String key, long eventTimeMs) {
        eventTimes.computeIfAbsent(key, k -> new ArrayList<>()).add(eventTimeMs);
    }

    /** A poll started at {@code polledAtMs} saw {@code count} exits of {@code key}. Counts never go back. */
    synchronized void visible(String key, long count, long polledAtMs) {
        List<Long> times = visibleTimes.computeIfAbsent(key, k -> new ArrayList<>());
        while (times.size() < count) {
            times.add(polledAtMs);
        }
    }

    synchronized boolean allVisible() {
        return eventTimes.entrySet().stream()
                .allMatch(e -> visibleTimes.getOrDefault(e.getKey(), List.of()).size()
                        >= e.getValue().size());
    }

    /** Visibility latency of every exit whose event time is in [{@code fromMs}, {@code toMs}). */
    synchronized Latencies latencies(long fromMs, long toMs) {
        List<Long> latencies = new ArrayList<>();
        long unseen = 0;
        long excess = 0;
        for (var e : eventTimes.entrySet()) {
            List<Long> sent = e.getValue();
            List<Long> seen = visibleTimes.getOrDefault(e.getKey(), List.of());
            for (int i = 0; i < sent.size(); i++) {
                if (sent.get(i) < fromMs || sent.get(i) >= toMs) {
                    continue;
                }
                if (i < seen.size()) {
                    latencies.add(seen.get(i) - sent.get(i));
                } else {
                    unseen++;
                }
            }
            excess += Math.max(0, seen.size() - sent.size());
        }
        for (var e : visibleTimes.entrySet()) {
            if (!eventTimes.containsKey(e.getKey())) {
                excess += e.getValue().size();
            }
        }
        return new Latencies(
                latencies.stream().mapToLong(Long::longValue).sorted().toArray(), unseen, excess);
    }
}
