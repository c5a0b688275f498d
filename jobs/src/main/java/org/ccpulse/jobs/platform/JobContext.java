package org.ccpulse.jobs.platform;

import org.apache.flink.streaming.api.datastream.DataStream;

/** What a {@link MetricJob} builds from: the shared intake of its topics, the configuration and the outputs. */
public interface JobContext {

    /** The topic's good, timely events, in event time; rejected and too-late records are already dead letters. */
    <T> DataStream<T> events(Topic<T> topic);

    DeploymentConfig config();

    Outputs outputs();

    /**
     * Whether the run is live (Kafka, read on and on): time then also passes with the wall clock ({@link LiveClock}).
     * False for a bounded run (files, or Kafka up to now), whose figures stand as of its last event.
     */
    boolean live();
}
