package org.ccpulse.simulator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import org.ccpulse.simulator.Simulation;
import org.ccpulse.simulator.SimulationConfig;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.FileSink;

/**
 * Backfill throughput to NDJSON files: one day of a 300-agent center with the default mess,
 * several rounds (the first ones warm the JIT up), printing records/s per round.
 * Run: see the simulator README ("Benchmark").
 */
public final class SimulatorBenchmark {
    private static final int ROUNDS = 8;

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dir = Files.createTempDirectory("ccpulse-sim-bench");
        MessRates mess = new MessRates(0.02, 0.005, 0.01, java.util.Map.of()).withAllBad(0.0005);
        double[] rates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            SimulationConfig config = SimulationConfig.backfill(
                    42 + round, agents, LocalDate.of(2026, 11, 23), days, ZoneOffset.UTC, mess);
            long t0 = System.nanoTime();
            Simulation simulation = new Simulation(config, Clock.systemUTC());
            try (FileSink sink = new FileSink(dir)) {
                simulation.run(sink, () -> false);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long records = simulation.summary().total();
            rates[round] = records / seconds;
            System.out.printf(
                    "round %d: %,d records in %.3f s = %,.0f records/s%n", round + 1, records, seconds, rates[round]);
        }
        double[] warm = Arrays.copyOfRange(rates, ROUNDS / 2, ROUNDS);
        Arrays.sort(warm);
        System.out.printf(
                "%d agents, %d day(s), to files: median of the last %d rounds %,.0f records/s (best %,.0f)%n",
                agents, days, warm.length, warm[warm.length / 2], warm[warm.length - 1]);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
