package org.ccpulse.jobs.platform;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.schemas.event.ChurnAlert;
import org.ccpulse.schemas.event.ChurnAlertJson;
import org.ccpulse.schemas.event.ComplaintSpikeEvent;
import org.ccpulse.schemas.event.ComplaintSpikeJson;

/**
 * One of the output topics a job publishes on besides its tables (EVENTS.md "What ccpulse writes"): its name, and
 * how a record becomes its key and value. Every one is written exactly once by the dead letters' mechanism
 * ({@link DeadLetterSinks#exactlyOnce}); {@link Outputs#topic} gives a run's sinks for it.
 */
public final class OutputTopic<T> implements Serializable {

    public static final String COMPLAINT_SPIKES_NAME = "complaint-spikes";
    public static final String CHURN_ALERTS_NAME = "churn-alerts";

    /** The complaints job's spikes, keyed by their cause or cause group. */
    public static final OutputTopic<ComplaintSpikeEvent> COMPLAINT_SPIKES =
            new OutputTopic<>(COMPLAINT_SPIKES_NAME, new SpikeKey(), new SpikeValue());

    /** The customer-value job's churn alerts, keyed by customer. */
    public static final OutputTopic<ChurnAlert> CHURN_ALERTS =
            new OutputTopic<>(CHURN_ALERTS_NAME, new ChurnAlertKey(), new ChurnAlertValue());

    public static final List<OutputTopic<?>> ALL = List.of(COMPLAINT_SPIKES, CHURN_ALERTS);

    private final String name;
    private final SerializationSchema<T> key;
    private final SerializationSchema<T> value;

    private OutputTopic(String name, SerializationSchema<T> key, SerializationSchema<T> value) {
        this.name = name;
        this.key = key;
        this.value = value;
    }

    /** The name in EVENTS.md, which is also the Kafka topic's name unless a run renames it. */
    public String name() {
        return name;
    }

    /** Exactly once onto {@code kafkaTopic}, in transactions named by {@code transactionalIdPrefix} (one per deployed job). */
    public KafkaSink<T> kafka(String bootstrapServers, String kafkaTopic, String transactionalIdPrefix) {
        return DeadLetterSinks.exactlyOnce(bootstrapServers, kafkaTopic, transactionalIdPrefix, key, value);
    }

    @Override
    public String toString() {
        return name;
    }

    // Classes, not lambdas: the Kafka sink reads their type parameter when the job is built.
    private static final class SpikeKey implements SerializationSchema<ComplaintSpikeEvent> {
        @Override
        public byte[] serialize(ComplaintSpikeEvent s) {
            return s.key().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final class SpikeValue implements SerializationSchema<ComplaintSpikeEvent> {
        @Override
        public byte[] serialize(ComplaintSpikeEvent s) {
            return ComplaintSpikeJson.toJson(s);
        }
    }

    private static final class ChurnAlertKey implements SerializationSchema<ChurnAlert> {
        @Override
        public byte[] serialize(ChurnAlert a) {
            return a.customerId().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final class ChurnAlertValue implements SerializationSchema<ChurnAlert> {
        @Override
        public byte[] serialize(ChurnAlert a) {
            return ChurnAlertJson.toJson(a);
        }
    }
}
