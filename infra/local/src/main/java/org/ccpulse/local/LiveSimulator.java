package org.ccpulse.local;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ccpulse.simulator.Pacer;
import org.ccpulse.simulator.Simulation;
import org.ccpulse.simulator.SimulationConfig;
import org.ccpulse.simulator.SimulatorMain;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.KafkaSink;
import org.ccpulse.simulator.output.RecordSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The simulated contact center in live mode, producing to Kafka from a background thread at
 * {@code speed} simulated seconds per second, with the simulator's default delivery mess.
 */
final class LiveSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveSimulator.class);

    private final Thread thread;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Simulation simulation;
    private final long startNanos = System.nanoTime();

    private LiveSimulator(SimulationConfig config, double speed, RecordSink sink) {
        this.simulation = new Simulation(config, Clock.systemUTC());
        this.thread = new Thread(() -> run(config, speed, sink), "simulator");
        this.thread.setDaemon(true);
    }

    static LiveSimulator start(String bootstrapServers, int agents, double speed, ZoneId zone, long seed)
            throws IOException {
        SimulationConfig config = config(bootstrapServers, agents, zone, seed, Instant.now());
        Map<InputTopic, String> topics = new EnumMap<>(InputTopic.class);
        for (InputTopic topic : InputTopic.values()) {
            topics.put(topic, topic.defaultName());
        }
        LiveSimulator simulator = new LiveSimulator(config, speed, new KafkaSink(bootstrapServers, topics, null));
        simulator.thread.start();
        return simulator;
    }

    /**
     * Checks that the simulator accepts these settings (e.g. at least one agent per queue), without starting
     * anything: the same rules as {@link #start}. Throws IllegalArgumentException saying what is wrong.
     */
    static void check(int agents, ZoneId zone, long seed) {
        try {
            config("127.0.0.1:9", agents, zone, seed, Instant.now()); // an address is required, never used here
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The simulator's own command line builds the config, so its defaults (mess rates, customers, run id) apply. */
    private static SimulationConfig config(String bootstrapServers, int agents, ZoneId zone, long seed, Instant now) {
        SimulatorMain options = new SimulatorMain();
        new CommandLine(options)
                .parseArgs(
                        "--mode",
                        "live",
                        "--bootstrap-servers",
                        bootstrapServers,
                        "--agents",
                        Integer.toString(agents),
                        "--zone",
                        zone.getId(),
                        "--seed",
                        Long.toString(seed));
        return options.config(now);
    }

    private void run(SimulationConfig config, double speed, RecordSink sink) {
        try {
            simulation.run(sink, stop::get, new Pacer(config.emitFrom(), speed));
        } catch (IOException | RuntimeException e) {
            if (!stop.get()) {
                log.error("simulator stopped: {}", e.toString(), e);
            }
        }
        Thread.interrupted(); // clear a stop's interrupt: closing the producer waits for its last sends
        try {
            if (stop.get()) {
                // the next run's resumed job reads these: no contact of this run is left waiting for ever
                simulation.closeDoors(sink);
            }
        } catch (IOException | RuntimeException e) {
            log.error("simulator could not send its closing events: {}", e.toString());
        }
        try {
            sink.close();
        } catch (IOException e) {
            log.error("simulator's Kafka producer did not close cleanly: {}", e.toString());
        }
    }

    /** Stops producing, flushes the producer and waits for the thread. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.interrupt();
        thread.join(30_000);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        log.info(
                "simulator stopped; it sent:\n{}",
                simulation.summary().render(seconds).stripTrailing());
    }
}
