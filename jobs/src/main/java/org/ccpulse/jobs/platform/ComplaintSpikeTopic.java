package org.ccpulse.jobs.platform;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.ccpulse.jobs.intake.DeadLetterSinks;
import org.ccpulse.schemas.event.ComplaintSpikeEvent;
import org.ccpulse.schemas.event.ComplaintSpikeJson;

/**
 * The output topic {@code complaint-spikes} (EVENTS.md): one record per end of a complaint spike, keyed by its
 * cause or cause group, written exactly once by the dead letters' mechanism ({@link DeadLetterSinks#exactlyOnce}).
 */
public final class ComplaintSpikeTopic {

    public static final String TOPIC = "complaint-spikes";

    private ComplaintSpikeTopic() {}

    /** Exactly once onto {@code topic}, in transactions named by {@code transactionalIdPrefix} (one per deployed job). */
    public static KafkaSink<ComplaintSpikeEvent> kafka(
            String bootstrapServers, String topic, String transactionalIdPrefix) {
        return DeadLetterSinks.exactlyOnce(bootstrapServers, topic, transactionalIdPrefix, BY_KEY, AS_JSON);
    }

    // Classes, not lambdas: the Kafka sink reads their type parameter when the job is built.
    private static final SerializationSchema<ComplaintSpikeEvent> BY_KEY = new SerializationSchema<>() {
        @Override
        public byte[] serialize(ComplaintSpikeEvent s) {
            return s.key().getBytes(StandardCharsets.UTF_8);
        }
    };

    private static final SerializationSchema<ComplaintSpikeEvent> AS_JSON = new SerializationSchema<>() {
        @Override
        public byte[] serialize(ComplaintSpikeEvent s) {
            return ComplaintSpikeJson.toJson(s);
        }
    };
}
