package org.ccpulse.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobID;

/**
 * Checkpoint statistics of a running job, from the REST API of its local cluster
 * ({@code GET /jobs/<id>/checkpoints}): how many checkpoints completed, failed or are under way, and
 * for each completed one still in the history (see {@link BenchmarkJob#CHECKPOINT_HISTORY}) its
 * end-to-end duration, full state size ({@code state_size}) and what it wrote itself
 * ({@code checkpointed_size}: the same as the full size for a full snapshot, only the new files for an
 * incremental one).
 */
record CheckpointStats(long completed, long failed, long inProgress, List<Checkpoint> history) {

    /** One completed checkpoint; {@code triggeredAtMs} is the wall clock. */
    record Checkpoint(long id, long triggeredAtMs, long durationMs, long stateSize, long checkpointedSize) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static CheckpointStats read(URI rest, JobID job) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(rest.resolve("/jobs/" + job + "/checkpoints"))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return parse(JSON.readTree(response.body()));
    }

    static CheckpointStats parse(JsonNode json) {
        JsonNode counts = json.path("counts");
        List<Checkpoint> history = new ArrayList<>();
        for (JsonNode c : json.path("history")) {
            if ("COMPLETED".equals(c.path("status").asText())
                    && !c.path("is_savepoint").asBoolean()) {
                history.add(new Checkpoint(
                        c.path("id").asLong(),
                        c.path("trigger_timestamp").asLong(),
                        c.path("end_to_end_duration").asLong(),
                        c.path("state_size").asLong(),
                        c.path("checkpointed_size").asLong()));
            }
        }
        history.sort(Comparator.comparingLong(Checkpoint::id));
        return new CheckpointStats(
                counts.path("completed").asLong(),
                counts.path("failed").asLong(),
                counts.path("in_progress").asLong(),
                List.copyOf(history));
    }

    /** The latest completed checkpoint, or null. */
    Checkpoint latest() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** Nearest-rank percentile of the durations in the history, in ms; -1 without any. */
    long durationPercentileMs(int percentile) {
        long[] ms = history.stream().mapToLong(Checkpoint::durationMs).sorted().toArray();
        return ms.length == 0 ? -1 : Percentiles.nearestRank(ms, percentile);
    }

    long maxDurationMs() {
        return history.stream().mapToLong(Checkpoint::durationMs).max().orElse(-1);
    }

    /** One line: counts, duration p50/max, and the latest checkpoint's full and incremental sizes. */
    String summary() {
        Checkpoint latest = latest();
        return String.format(
                Locale.ROOT,
                "%d completed (%d failed, %d under way at the end), duration p50 %s, max %s; "
                        + "latest (#%d): full state %s, checkpointed %s",
                completed,
                failed,
                inProgress,
                seconds(durationPercentileMs(50)),
                seconds(maxDurationMs()),
                latest == null ? -1 : latest.id(),
                latest == null ? "-" : mib(latest.stateSize()),
                latest == null ? "-" : mib(latest.checkpointedSize()));
    }

    static String seconds(long ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
