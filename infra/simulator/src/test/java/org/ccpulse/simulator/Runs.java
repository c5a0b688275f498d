package org.ccpulse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.Delivery;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.ProducedRecord;

/** Small simulations for tests, collected in memory. */
final class Runs {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    static final LocalDate START = LocalDate.of(2026, 11, 2);
    /** Reads decimals as BigDecimal, so amounts keep their scale. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private Runs() {}

    static SimulationConfig config(long seed, int agents, int days, MessRates mess) {
        return SimulationConfig.backfill(seed, agents, START, days, ZoneOffset.UTC, mess);
    }

    static SimulationConfig config(long seed, int agents, int customers, int days, ZoneId zone, MessRates mess) {
        return new SimulationConfig(
                seed,
                agents,
                customers,
                START,
                days,
                zone,
                START.atStartOfDay(zone).toInstant(),
                "s" + seed,
                mess);
    }

    static List<ProducedRecord> run(SimulationConfig config) {
        return run(new Simulation(config, CLOCK));
    }

    static List<ProducedRecord> run(Simulation simulation) {
        List<ProducedRecord> records = new ArrayList<>();
        try {
            simulation.run(records::add, () -> false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    /** The good records of one topic, each once, as JSON, from a run that keeps nothing else in memory. */
    static List<JsonNode> events(SimulationConfig config, InputTopic topic) {
        List<JsonNode> events = new ArrayList<>();
        try {
            new Simulation(config, CLOCK)
                    .run(
                            r -> {
                                if (r.topic() == topic && !r.bad() && r.delivery() != Delivery.REDELIVERED) {
                                    events.add(json(r.value()));
                                }
                            },
                            () -> false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** The model's events of one topic: good records, each once. */
    static List<JsonNode> events(List<ProducedRecord> records, InputTopic topic) {
        return records.stream()
                .filter(r -> r.topic() == topic && !r.bad() && r.delivery() != Delivery.REDELIVERED)
                .map(r -> json(r.value()))
                .toList();
    }

    static JsonNode json(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.get(field).asText());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null ? null : v.asText();
    }
}
