package org.ccpulse.jobs.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A sink for pipeline tests on a MiniCluster (same JVM): every row lands in a list the test reads. */
public final class CollectingSink<T> implements Sink<T> {

    private static final Map<String, List<Object>> ROWS = new ConcurrentHashMap<>();
    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        ROWS.put(id, new CopyOnWriteArrayList<>());
    }

    @SuppressWarnings("unchecked")
    public List<T> rows() {
        return (List<T>) (List<?>) ROWS.get(id);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> rows = ROWS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                rows.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
