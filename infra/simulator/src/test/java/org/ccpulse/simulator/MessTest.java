package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpulse.schemas.event.CauseGroup;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.OrderType;
import org.ccpulse.schemas.event.Outcome;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.RecordLimits;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.Delivery;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.ProducedRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MessTest {
    private static final double OUT_OF_ORDER = 0.05;
    private static final double LATE = 0.02;
    private static final double DUPLICATE = 0.03;
    private static final double BAD = 0.004;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<ProducedRecord> records;
    private static long events;

    @BeforeAll
    static void simulate() {
        records = Runs.run(
                Runs.config(21, 100, 2, new MessRates(OUT_OF_ORDER, LATE, DUPLICATE, Map.of()).withAllBad(BAD)));
        events = records.stream()
                .filter(r -> !r.bad() && r.delivery() != Delivery.REDELIVERED)
                .count();
    }

    @Test
    void deliveryDisorderHappensAtTheConfiguredRates() {
        assertThat(events).isGreaterThan(30_000);
        assertThat(share(Delivery.OUT_OF_ORDER)).isCloseTo(OUT_OF_ORDER, within(OUT_OF_ORDER * 0.2));
        assertThat(share(Delivery.LATE)).isCloseTo(LATE, within(LATE * 0.2));
        assertThat(share(Delivery.REDELIVERED)).isCloseTo(DUPLICATE, within(DUPLICATE * 0.2));
    }

    @Test
    void eachKindOfBadRecordHappensAtItsRate() {
        for (Problem p : Problem.parserRules()) {
            long count = records.stream()
                    .filter(r -> r.bad() && r.defect().problem() == p)
                    .count();
            assertThat(count / (double) events).as(p.name()).isCloseTo(BAD, within(BAD * 0.35));
        }
    }

    @Test
    void redeliveriesRepeatTheBytesOfAnEarlierRecord() {
        Map<String, byte[]> seen = new HashMap<>();
        int redelivered = 0;
        for (ProducedRecord r : records) {
            if (r.bad()) {
                continue;
            }
            String eventId = Runs.text(Runs.json(r.value()), "event_id");
            if (r.delivery() == Delivery.REDELIVERED) {
                assertThat(seen.get(eventId))
                        .as("first delivery of %s", eventId)
                        .isEqualTo(r.value());
                redelivered++;
            } else {
                assertThat(seen.put(eventId, r.value()))
                        .as("event_id %s unique", eventId)
                        .isNull();
            }
        }
        assertThat(redelivered).isPositive();
    }

    @Test
    void lateRecordsArriveAfterRecordsThatHappenedMinutesLater() {
        Instant newest = Instant.MIN;
        int late = 0;
        int overtaken = 0;
        for (ProducedRecord r : records) {
            if (r.delivery() == Delivery.LATE) {
                late++;
                if (newest.isAfter(r.eventTime().plusSeconds(60))) {
                    overtaken++;
                }
            }
            if (r.eventTime().isAfter(newest)) {
                newest = r.eventTime();
            }
        }
        assertThat(overtaken).isGreaterThan((int) (late * 0.9));
    }

    @Test
    void outOfOrderRecordsArriveAfterLaterOnes() {
        long inversions = 0;
        Instant previous = Instant.MIN;
        for (ProducedRecord r : records) {
            if (r.topic() == InputTopic.CONTACT_EVENTS) {
                if (r.eventTime().isBefore(previous)) {
                    inversions++;
                }
                previous = r.eventTime();
            }
        }
        assertThat(inversions).isGreaterThan(events / 100);
    }

    @Test
    void everyBadRecordHasTheDefectItsLabelSays() throws Exception {
        Set<String> goodIds = new HashSet<>();
        records.stream().filter(r -> !r.bad()).forEach(r -> goodIds.add(Runs.text(Runs.json(r.value()), "event_id")));
        int checked = 0;
        for (ProducedRecord r : records) {
            if (!r.bad()) {
                continue;
            }
            String field = r.defect().field();
            Problem problem = r.defect().problem();
            if (problem == Problem.MALFORMED_JSON) {
                assertThat(field).isNull();
                assertNotOneJsonObject(r.value());
                continue;
            }
            JsonNode node = JSON.readTree(r.value());
            assertThat(node.isObject()).isTrue();
            if (node.hasNonNull("event_id")) {
                assertThat(goodIds)
                        .as("a bad record is no duplicate")
                        .doesNotContain(node.get("event_id").asText());
            }
            JsonNode value = field == null ? null : node.get(field);
            switch (problem) {
                case OVERSIZED -> {
                    assertThat(field).isNull();
                    assertThat(r.value().length).isGreaterThan(RecordLimits.DEFAULT_MAX_RECORD_BYTES);
                }
                case MISSING_FIELD ->
                    assertThat(value == null || value.isNull()).isTrue();
                case WRONG_TYPE -> {
                    boolean numeric =
                            List.of("talk_s", "hold_s", "wrap_s", "amount").contains(field);
                    assertThat(numeric ? value.isNumber() : value.isTextual())
                            .as(field)
                            .isFalse();
                    assertThat(value.isNull()).isFalse();
                }
                case UNKNOWN_ENUM ->
                    assertThat(isKnownEnum(r.topic(), field, value.asText()))
                            .as(field)
                            .isFalse();
                case NEGATIVE_DURATION -> {
                    assertThat(field).isIn("talk_s", "hold_s", "wrap_s");
                    assertThat(value.asDouble()).isNegative();
                }
                case FUTURE_TIMESTAMP -> {
                    assertThat(field).isEqualTo("ts");
                    assertThat(Instant.parse(value.asText()))
                            .isAfter(Runs.CLOCK
                                    .instant()
                                    .plus(RecordLimits.MAX_FUTURE_SKEW)
                                    .plusSeconds(86_400));
                }
                case INVALID_VALUE -> assertInvalid(field, value);
                default -> throw new AssertionError(problem);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(500);
    }

    private static void assertNotOneJsonObject(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\n");
        try {
            JsonNode node = JSON.readTree(value);
            assertThat(node == null || !node.isObject()).as(text).isTrue();
        } catch (Exception expected) {
            // not JSON at all
        }
    }

    private static void assertInvalid(String field, JsonNode value) {
        assertThat(value.isTextual() || value.isNumber()).isTrue();
        switch (field) {
            case "amount" -> assertThat(value.decimalValue().signum()).isLessThanOrEqualTo(0);
            case "ts", "queued_at" ->
                assertThatThrownBy(() -> java.time.OffsetDateTime.parse(value.asText()))
                        .isInstanceOf(DateTimeParseException.class);
            case "cause" ->
                assertThat(CauseGroup.fromWire(value.asText().split("\\.")[0])).isNull();
            default -> {
                assertThat(field).endsWith("_id");
                assertThat(value.asText()).isEmpty();
            }
        }
    }

    private static boolean isKnownEnum(InputTopic topic, String field, String wire) {
        return switch (field) {
            case "channel" -> Channel.fromWire(wire) != null;
            case "outcome" -> Outcome.fromWire(wire) != null;
            case "category" -> TicketCategory.fromWire(wire) != null;
            case "type" ->
                switch (topic) {
                    case CONTACT_EVENTS -> ContactEventType.fromWire(wire) != null;
                    case TICKETS -> TicketType.fromWire(wire) != null;
                    case ORDERS -> OrderType.fromWire(wire) != null;
                };
            default -> throw new AssertionError("unexpected enum field " + field);
        };
    }

    private static double share(Delivery d) {
        return records.stream().filter(r -> r.delivery() == d && !r.bad()).count() / (double) events;
    }
}
