package org.ccpulse.jobs.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.ccpulse.jobs.clickhouse.ClickHouseTable;
import org.ccpulse.jobs.platform.OutputTopic;
import org.ccpulse.jobs.platform.Outputs;
import org.ccpulse.schemas.event.DeadLetter;

/** Outputs for pipeline tests on a MiniCluster: each table's rows, the dead letters and the output topics land in lists. */
public final class CollectingOutputs implements Outputs {

    private final Map<ClickHouseTable<?>, CollectingSink<?>> tables = new IdentityHashMap<>();
    private final Map<String, CollectingSink<?>> topics = new HashMap<>();
    private final CollectingSink<DeadLetter> deadLetterSink = new CollectingSink<>();
    public final List<DeadLetter> deadLetters = deadLetterSink.rows();

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> Sink<T> table(ClickHouseTable<T> table, int maxBatch, Duration maxDelay) {
        return (Sink<T>) tables.computeIfAbsent(table, b -> new CollectingSink<T>());
    }

    @Override
    public List<Sink<DeadLetter>> deadLetters() {
        return List.of(deadLetterSink);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> List<Sink<T>> topic(OutputTopic<T> topic) {
        return List.of((Sink<T>) topics.computeIfAbsent(topic.name(), t -> new CollectingSink<T>()));
    }

    /** The rows written to a table (empty when the run had no sink for it). */
    @SuppressWarnings("unchecked")
    public synchronized <T> List<T> rows(ClickHouseTable<T> table) {
        CollectingSink<?> sink = tables.get(table);
        return sink == null ? List.of() : (List<T>) sink.rows();
    }

    /** What the run would have written to an output topic (empty when the run had no sink for it). */
    @SuppressWarnings("unchecked")
    public synchronized <T> List<T> published(OutputTopic<T> topic) {
        CollectingSink<?> sink = topics.get(topic.name());
        return sink == null ? List.of() : (List<T>) sink.rows();
    }
}
