package org.ccpulse.jobs.platform;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Event time that passes with the wall clock in a live run, for operators that must act when time passes even if
 * no event comes (a churn alert falls due at night, when the orders topic is quiet). Idle Kafka partitions stop
 * holding event time back, but when every input is idle event time stops; a stream from {@link #silentStream}
 * united with an operator's input keeps it going: it holds no record, only watermarks at the wall clock minus
 * {@link #lag}.
 *
 * <p>Those never push event time ahead of an input that is active: a union's watermark is the least of its active
 * inputs'. And {@link #lag} is at least the out-of-orderness the sources tolerate, so an event on time for its
 * source (ts after its latest ts minus the out-of-orderness, the latest being at most now) is on time for the
 * operator too. Only live runs get one ({@link JobContext#live()}): a bounded run (files, Kafka up to now) ends as
 * of its last event, however long ago that was.
 *
 * @param lag how far behind the wall clock the watermark stays
 */
public record LiveClock(Duration lag) implements Serializable {

    /** Time beyond the sources' out-of-orderness: their watermarks, emitted periodically, trail their events a little. */
    static final Duration SLACK = Duration.ofSeconds(10);

    /** A tick a second: a source that emits nothing at all may be taken as idle. */
    private static final double TICKS_PER_SECOND = 1;

    /** The live run's clock, the out-of-orderness plus {@link #SLACK} behind the wall clock; none in a bounded run. */
    public static Optional<LiveClock> of(JobContext context) {
        return context.live()
                ? Optional.of(new LiveClock(
                        context.config().shared().maxOutOfOrderness().plus(SLACK)))
                : Optional.empty();
    }

    /**
     * A stream of {@code type} without records whose watermark follows the wall clock, {@link #lag} behind: to unite
     * with an operator's input. {@code uid} names its source ({@code uid-source}) and its operator.
     */
    public <T> DataStream<T> silentStream(StreamExecutionEnvironment env, TypeInformation<T> type, String uid) {
        DataGeneratorSource<Long> ticks = new DataGeneratorSource<>(
                new Tick(), Long.MAX_VALUE, RateLimiterStrategy.perSecond(TICKS_PER_SECOND), Types.LONG);
        return env.fromSource(ticks, watermarks(lag.toMillis()), uid + " ticks")
                .uid(uid + "-source")
                .setParallelism(1)
                .flatMap(new Nothing<T>(), type)
                .uid(uid)
                .name(uid.replace('-', ' '));
    }

    private static WatermarkStrategy<Long> watermarks(long lagMs) {
        return WatermarkStrategy.forGenerator(
                        (WatermarkGeneratorSupplier<Long>) context -> new WallClockWatermarks(lagMs))
                .withTimestampAssigner((tick, recordTs) -> System.currentTimeMillis());
    }

    /** Watermarks at the wall clock minus the lag, at each periodic emit (the auto-watermark interval). */
    private static final class WallClockWatermarks implements WatermarkGenerator<Long> {
        private final long lagMs;

        WallClockWatermarks(long lagMs) {
            this.lagMs = lagMs;
        }

        @Override
        public void onEvent(Long tick, long timestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(System.currentTimeMillis() - lagMs));
        }
    }

    private static final class Tick implements GeneratorFunction<Long, Long> {
        @Override
        public Long map(Long index) {
            return index;
        }
    }

    /** Drops the ticks: only their watermarks go on. */
    private static final class Nothing<T> implements FlatMapFunction<Long, T> {
        @Override
        public void flatMap(Long tick, Collector<T> out) {}
    }
}
