package org.ccpulse.jobs.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.ccpulse.jobs.intake.Intake;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.parse.ParseResult;
import org.junit.jupiter.api.Test;

/** The intake's event time: taken from ts, out-of-orderness tolerated, a silent partition never holds it back. */
class EventTimeTest {

    private static final DeploymentConfig.Shared SHARED = new DeploymentConfig.Shared(
            java.time.ZoneOffset.UTC, 15, Duration.ofHours(2), Duration.ofSeconds(30), Duration.ofMillis(50));

    /** Records what a generator tells one partition's output. */
    private static final class Recorder implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }

    private static WatermarkGenerator<Intake<ContactEvent>> generator() {
        return Launcher.watermarks(Topic.CONTACT_EVENTS, SHARED)
                .createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
                    @Override
                    public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                        return UnregisteredMetricsGroup.createOperatorMetricGroup();
                    }

                    @Override
                    public org.apache.flink.util.clock.RelativeClock getInputActivityClock() {
                        return org.apache.flink.util.clock.SystemClock.getInstance();
                    }
                });
    }

    private static Intake<ContactEvent> queuedAt(String ts) {
        ContactEvent e = new ContactEvent(
                "e-" + ts,
                "c-" + ts,
                ContactEventType.QUEUED,
                Instant.parse(ts),
                Channel.VOICE,
                Direction.INBOUND,
                "billing",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        return Intake.of(new ParseResult.Accepted<>(e), "contact-events", 0, 0, new byte[0]);
    }

    @Test
    void eventTimeIsTheEventsTsLessTheToleratedOutOfOrderness() {
        var assigner = Launcher.watermarks(Topic.CONTACT_EVENTS, SHARED)
                .createTimestampAssigner((TimestampAssignerSupplier.Context) null);
        Intake<ContactEvent> event = queuedAt("2026-11-24T09:00:00Z");
        assertThat(assigner.extractTimestamp(event, 123L))
                .isEqualTo(Instant.parse("2026-11-24T09:00:00Z").toEpochMilli());

        WatermarkGenerator<Intake<ContactEvent>> generator = generator();
        Recorder out = new Recorder();
        generator.onEvent(event, Instant.parse("2026-11-24T09:00:00Z").toEpochMilli(), out);
        generator.onPeriodicEmit(out);
        assertThat(out.watermarks)
                .last()
                .isEqualTo(Instant.parse("2026-11-24T08:59:30Z").toEpochMilli() - 1);
    }

    @Test
    void aPartitionThatFallsSilentIsMarkedIdleSoOthersMoveEventTimeOn() throws InterruptedException {
        WatermarkGenerator<Intake<ContactEvent>> generator = generator();
        Recorder out = new Recorder();
        generator.onEvent(
                queuedAt("2026-11-24T09:00:00Z"),
                Instant.parse("2026-11-24T09:00:00Z").toEpochMilli(),
                out);
        generator.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();

        // Flink notices silence at a periodic emit and calls the partition idle at a later one,
        // once the silence has lasted the configured idleness (50 ms here).
        Thread.sleep(100);
        generator.onPeriodicEmit(out);
        assertThat(out.idle).isFalse();
        Thread.sleep(100);
        generator.onPeriodicEmit(out);
        assertThat(out.idle)
                .as("a silent partition no longer holds event time back")
                .isTrue();
    }
}
