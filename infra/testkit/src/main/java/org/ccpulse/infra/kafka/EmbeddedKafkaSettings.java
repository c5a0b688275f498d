package org.ccpulse.infra.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to start an {@link EmbeddedKafka}.
 *
 * @param port              the client port; 0 picks a free one (what tests want, so parallel builds never clash)
 * @param dataDir           where the broker keeps its logs; empty means a temporary directory deleted on close.
 *                          A given directory must be empty or absent and is kept after close for inspection.
 * @param defaultPartitions partitions of a topic created on first use (auto-creation) or without a count
 * @param retention         how long records are kept; empty means Kafka's default (7 days)
 */
public record EmbeddedKafkaSettings(
        int port, Optional<Path> dataDir, int defaultPartitions, Optional<Duration> retention) {

    public EmbeddedKafkaSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, got " + port);
        }
        if (defaultPartitions < 1) {
            throw new IllegalArgumentException("defaultPartitions must be at least 1, got " + defaultPartitions);
        }
        retention.ifPresent(r -> {
            if (r.isNegative() || r.isZero()) {
                throw new IllegalArgumentException("retention must be positive, got " + r);
            }
        });
    }

    /** A free port, a temporary data directory, one partition per auto-created topic, Kafka's retention. */
    public static EmbeddedKafkaSettings defaults() {
        return new EmbeddedKafkaSettings(0, Optional.empty(), 1, Optional.empty());
    }

    public EmbeddedKafkaSettings withPort(int newPort) {
        return new EmbeddedKafkaSettings(newPort, dataDir, defaultPartitions, retention);
    }

    public EmbeddedKafkaSettings withDataDir(Path newDataDir) {
        return new EmbeddedKafkaSettings(port, Optional.of(newDataDir), defaultPartitions, retention);
    }

    public EmbeddedKafkaSettings withDefaultPartitions(int partitions) {
        return new EmbeddedKafkaSettings(port, dataDir, partitions, retention);
    }

    public EmbeddedKafkaSettings withRetention(Duration newRetention) {
        return new EmbeddedKafkaSettings(port, dataDir, defaultPartitions, Optional.of(newRetention));
    }
}
