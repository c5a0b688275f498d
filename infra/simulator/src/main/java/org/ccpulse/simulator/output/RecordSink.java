package org.ccpulse.simulator.output;

import java.io.IOException;

/** Where produced records go, in delivery order. */
@FunctionalInterface
public interface RecordSink extends AutoCloseable {
    void accept(ProducedRecord record) throws IOException;

    /** Flushes and releases resources. */
    @Override
    default void close() throws IOException {}
}
