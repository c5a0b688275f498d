package org.ccpulse.jobs.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matches each change of "waiting now" (a contact QUEUED, or leaving the queue: ANSWERED/ABANDONED) to the moment
 * ClickHouse's {@code queue_live} shows it, per queue key.
 *
 * <p>The generator logs, in the order it sends them, each change's event time and the key's state after it: how
 * many wait and the earliest queued_at among them. The poller logs the state each poll sees. A key's events reach
 * the job in order (one partition, parallelism 1), so every row the job writes is the state after some prefix of
 * the key's changes: a poll that sees state s has seen every change up to the first state equal to s at or after
 * the one matched before. A state can recur (a contact queued and gone again): then the earlier one is taken, and
 * a poll that sees the state matched before counts as no progress, so latencies err late, never early.
 */
final class WaitingLog {

    /** A key's waiting contacts: how many, and the earliest queued_at (epoch ms; null when none waits). */
    record State(long waiting, Long oldestQueuedAtMs) {
        static final State NOBODY = new State(0, null);
    }

    private record Change(long eventTimeMs, State after) {}

    /** Per key: its changes in sending order, and the contacts waiting now (queued_at, to count and find the earliest). */
    private final Map<String, List<Change>> changes = new HashMap<>();

    private final Map<String, TreeMap<Long, Integer>> waitingNow = new HashMap<>();

    /** Per key: how many of its changes were visible, and since when each one. */
    private final Map<String, List<Long>> visibleTimes = new HashMap<>();

    /** The generator queued a contact of {@code key} at {@code queuedAtMs} (its event time). */
    synchronized void queued(String key, long queuedAtMs) {
        waitingNow.computeIfAbsent(key, k -> new TreeMap<>()).merge(queuedAtMs, 1, Integer::sum);
        changed(key, queuedAtMs);
    }

    /** The contact of {@code key} queued at {@code queuedAtMs} left the queue at {@code eventTimeMs}. */
    synchronized void left(String key, long queuedAtMs, long eventTimeMs) {
        TreeMap<Long, Integer> waiting = waitingNow.get(key);
        waiting.computeIfPresent(queuedAtMs, (t, n) -> n == 1 ? null : n - 1);
        changed(key, eventTimeMs);
    }

    private void changed(String key, long eventTimeMs) {
        TreeMap<Long, Integer> waiting = waitingNow.get(key);
        long count = waiting.values().stream().mapToLong(Integer::longValue).sum();
        State after = new State(count, waiting.isEmpty() ? null : waiting.firstKey());
        changes.computeIfAbsent(key, k -> new ArrayList<>()).add(new Change(eventTimeMs, after));
    }

    /** A poll started at {@code polledAtMs} saw {@code seen} for {@code key}. Polls come in time order. */
    synchronized void visible(String key, State seen, long polledAtMs) {
        List<Change> sent = changes.getOrDefault(key, List.of());
        List<Long> times = visibleTimes.computeIfAbsent(key, k -> new ArrayList<>());
        if (!times.isEmpty() && sent.get(times.size() - 1).after().equals(seen)) {
            return; // no change since the last poll (a later equal state would be a guess, and could err early)
        }
        for (int i = times.size(); i < sent.size(); i++) {
            if (sent.get(i).after().equals(seen)) {
                while (times.size() <= i) {
                    times.add(polledAtMs);
                }
                return;
            }
        }
    }

    synchronized boolean allVisible() {
        return changes.entrySet().stream()
                .allMatch(e -> visibleTimes.getOrDefault(e.getKey(), List.of()).size()
                        >= e.getValue().size());
    }

    /**
     * Visibility latency of every change whose event time is in [{@code fromMs}, {@code toMs}). Excess is always
     * 0 here: a state no change led to is not matched at all, and shows as changes never seen.
     */
    synchronized FreshnessLog.Latencies latencies(long fromMs, long toMs) {
        List<Long> latencies = new ArrayList<>();
        long unseen = 0;
        for (var e : changes.entrySet()) {
            List<Long> seen = visibleTimes.getOrDefault(e.getKey(), List.of());
            List<Change> sent = e.getValue();
            for (int i = 0; i < sent.size(); i++) {
                long ts = sent.get(i).eventTimeMs();
                if (ts < fromMs || ts >= toMs) {
                    continue;
                }
                if (i < seen.size()) {
                    latencies.add(seen.get(i) - ts);
                } else {
                    unseen++;
                }
            }
        }
        return new FreshnessLog.Latencies(
                latencies.stream().mapToLong(Long::longValue).sorted().toArray(), unseen, 0);
    }
}
