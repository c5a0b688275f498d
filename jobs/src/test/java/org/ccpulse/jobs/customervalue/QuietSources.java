package org.ccpulse.jobs.customervalue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Live-like sources for the pipeline tests: a few records, then silence for ever, as a quiet Kafka topic. */
final class QuietSources {

    private QuietSources() {}

    /** Timestamps of records, serializable. */
    interface EventTime<T> extends java.io.Serializable {
        long millis(T record);
    }

    /** Records by source, so the generator need not serialize them (the MiniCluster runs in this JVM). */
    private static final Map<String, List<?>> RECORDS = new ConcurrentHashMap<>();

    /** An unbounded source that emits {@code records} and then nothing, ever; marked idle after a second of that. */
    static <T> DataStream<T> quiet(
            StreamExecutionEnvironment env, List<T> records, EventTime<T> time, Class<T> type, String name) {
        String id = UUID.randomUUID().toString();
        RECORDS.put(id, records);
        DataGeneratorSource<T> source = new DataGeneratorSource<>(
                new FromList<>(id), Long.MAX_VALUE, new ThenSilence(records.size()), TypeInformation.of(type));
        SerializableTimestampAssigner<T> assigner = (r, ts) -> time.millis(r);
        return env.fromSource(
                        source,
                        WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ZERO)
                                .withTimestampAssigner(assigner)
                                .withIdleness(Duration.ofSeconds(1)),
                        name)
                .setParallelism(1);
    }

    private record FromList<T>(String id) implements GeneratorFunction<Long, T> {
        @Override
        @SuppressWarnings("unchecked")
        public T map(Long index) {
            return (T) RECORDS.get(id).get(index.intValue());
        }
    }

    /** Lets {@code count} records through, then never another. */
    private record ThenSilence(int count) implements RateLimiterStrategy {
        @Override
        public RateLimiter createRateLimiter(int parallelism) {
            return new RateLimiter() {
                private int given;

                @Override
                public CompletionStage<Void> acquire(int permits) {
                    given += permits;
                    return given <= count ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
                }
            };
        }
    }
}
