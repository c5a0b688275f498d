package org.ccpulse.jobs.platform;

import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Rows a run writes once when it starts, from its configuration or calendar rather than from events
 * (the business days; a job's targets): a bounded source of those rows into their sink, beside the
 * jobs' streams. Restored from a checkpoint, the source does not write them again; a new run does.
 */
public final class AtStart {

    private AtStart() {}

    /**
     * Writes {@code rows} into {@code sink} when the run starts. {@code uid} names the source (its
     * operator name is the uid with spaces), {@code uid + "-sink"} the sink, whose operator is named
     * after its table.
     */
    public static <T> void write(
            StreamExecutionEnvironment env, String uid, List<T> rows, Sink<T> sink, String tableName) {
        env.fromData(rows)
                .uid(uid)
                .name(uid.replace('-', ' '))
                .sinkTo(sink)
                .uid(uid + "-sink")
                .name(tableName);
    }
}
