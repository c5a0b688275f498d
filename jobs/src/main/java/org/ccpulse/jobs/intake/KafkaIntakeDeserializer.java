package org.ccpulse.jobs.intake;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ccpulse.schemas.parse.RecordParser;

/**
 * Parses Kafka records into {@link Intake}s: nothing is dropped here, bad records travel as dead letters.
 * A record without value (a tombstone) is rejected as TOMBSTONE; one larger than the parser's limit as
 * OVERSIZED without being parsed (the consumer hands over any record the topic accepted, whatever its size).
 */
public final class KafkaIntakeDeserializer<T> implements KafkaRecordDeserializationSchema<Intake<T>> {

    private final ParserFactory<T> parsers;
    private final TypeInformation<Intake<T>> type;
    private transient RecordParser<T> parser;

    public KafkaIntakeDeserializer(ParserFactory<T> parsers, TypeInformation<Intake<T>> type) {
        this.parsers = parsers;
        this.type = type;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        parser = parsers.create();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Intake<T>> out) {
        byte[] value = record.value(); // null for a tombstone: the parser says TOMBSTONE
        out.collect(Intake.of(parser.parse(value), record.topic(), record.partition(), record.offset(), value));
    }

    @Override
    public TypeInformation<Intake<T>> getProducedType() {
        return type;
    }
}
