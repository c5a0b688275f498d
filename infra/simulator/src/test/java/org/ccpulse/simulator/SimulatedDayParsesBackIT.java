package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.OrderParser;
import org.ccpulse.schemas.parse.ParseResult;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.RecordParser;
import org.ccpulse.schemas.parse.Rejection;
import org.ccpulse.schemas.parse.TicketParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The foundation's acceptance check: the simulator writes a day of a 300-agent center to files, and
 * the parsers read every line back; each injected bad record is rejected for exactly the labelled
 * field and problem, and every other record is accepted.
 */
class SimulatedDayParsesBackIT {

    @TempDir
    Path dir;

    private record Label(String field, Problem problem) {}

    @Test
    void everyBadRecordIsRejectedForItsReasonAndEveryGoodOneAccepted() throws IOException {
        int exit = new CommandLine(new SimulatorMain())
                .execute(
                        "--out-dir",
                        dir.toString(),
                        "--agents",
                        "300",
                        "--days",
                        "1",
                        "--start-date",
                        "2026-11-23",
                        "--seed",
                        "7",
                        // higher bad-record rates than the defaults, so every kind shows up many times
                        "--malformed-json-rate",
                        "0.002",
                        "--oversized-rate",
                        "0.001",
                        "--missing-field-rate",
                        "0.002",
                        "--wrong-type-rate",
                        "0.002",
                        "--unknown-enum-rate",
                        "0.002",
                        "--negative-duration-rate",
                        "0.002",
                        "--future-timestamp-rate",
                        "0.002",
                        "--invalid-value-rate",
                        "0.002");
        assertThat(exit).isZero();

        Map<String, Map<Long, Label>> labels = readManifest(dir.resolve("bad-records.ndjson"));
        Map<Problem, Integer> rejectedByProblem = new EnumMap<>(Problem.class);
        Map<String, RecordParser<?>> parsers = Map.of(
                "contact-events", new ContactEventParser(), "tickets", new TicketParser(), "orders", new OrderParser());
        long accepted = 0;
        for (var topic : parsers.entrySet()) {
            Map<Long, Label> bad = labels.getOrDefault(topic.getKey(), Map.of());
            long line = 0;
            long topicAccepted = 0;
            try (BufferedReader in =
                    Files.newBufferedReader(dir.resolve(topic.getKey() + ".ndjson"), StandardCharsets.UTF_8)) {
                for (String text; (text = in.readLine()) != null; ) {
                    line++;
                    ParseResult<?> result = topic.getValue().parse(text.getBytes(StandardCharsets.UTF_8));
                    Label expected = bad.get(line);
                    if (expected == null) {
                        assertThat(result)
                                .as("%s line %d: %s", topic.getKey(), line, text)
                                .isInstanceOf(ParseResult.Accepted.class);
                        topicAccepted++;
                    } else {
                        assertThat(result)
                                .as("%s line %d should be rejected", topic.getKey(), line)
                                .isInstanceOf(ParseResult.Rejected.class);
                        Rejection rejection = ((ParseResult.Rejected<?>) result).rejection();
                        assertThat(new Label(rejection.field(), rejection.problem()))
                                .as("%s line %d: %s", topic.getKey(), line, rejection.reason())
                                .isEqualTo(expected);
                        rejectedByProblem.merge(rejection.problem(), 1, Integer::sum);
                    }
                }
            }
            assertThat(topicAccepted).as(topic.getKey() + " good records").isPositive();
            accepted += topicAccepted;
        }
        System.out.printf(
                "one 300-agent day: %,d records accepted, rejected by problem %s%n", accepted, rejectedByProblem);
        assertThat(rejectedByProblem.keySet())
                .as("every kind of bad record EVENTS.md rejects was injected and caught")
                .containsExactlyInAnyOrder(
                        Problem.MALFORMED_JSON,
                        Problem.OVERSIZED,
                        Problem.MISSING_FIELD,
                        Problem.WRONG_TYPE,
                        Problem.UNKNOWN_ENUM,
                        Problem.NEGATIVE_DURATION,
                        Problem.FUTURE_TIMESTAMP,
                        Problem.INVALID_VALUE);
        assertThat(rejectedByProblem.values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(labels.values().stream().mapToInt(Map::size).sum());
    }

    private static Map<String, Map<Long, Label>> readManifest(Path manifest) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<Long, Label>> labels = new HashMap<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            JsonNode entry = json.readTree(line);
            String field = entry.path("field").isNull() || entry.path("field").isMissingNode()
                    ? null
                    : entry.path("field").asText();
            labels.computeIfAbsent(entry.path("topic").asText(), t -> new HashMap<>())
                    .put(
                            entry.path("line").asLong(),
                            new Label(
                                    field, Problem.valueOf(entry.path("problem").asText())));
        }
        return labels;
    }
}
