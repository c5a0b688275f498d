package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.ProducedRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContactLifecycleTest {
    private static List<ProducedRecord> records;
    private static Map<String, Map<String, JsonNode>> byContact;

    @BeforeAll
    static void simulate() {
        records = Runs.run(Runs.config(11, 40, 2, new MessRates(0.05, 0.01, 0.02, Map.of()).withAllBad(0.002)));
        byContact = new HashMap<>();
        for (JsonNode e : Runs.events(records, InputTopic.CONTACT_EVENTS)) {
            JsonNode previous = byContact
                    .computeIfAbsent(Runs.text(e, "contact_id"), k -> new HashMap<>())
                    .put(Runs.text(e, "type"), e);
            assertThat(previous).as("one %s per contact", Runs.text(e, "type")).isNull();
        }
    }

    @Test
    void everyAnsweredOrAbandonedContactWasQueuedAndWaitedNonNegativeTime() {
        int checked = 0;
        for (Map<String, JsonNode> contact : byContact.values()) {
            for (String exit : List.of("ANSWERED", "ABANDONED")) {
                JsonNode e = contact.get(exit);
                if (e == null) {
                    continue;
                }
                JsonNode queued = contact.get("QUEUED");
                assertThat(queued).as("QUEUED before %s", exit).isNotNull();
                assertThat(Runs.instant(e, "queued_at")).isEqualTo(Runs.instant(queued, "ts"));
                assertThat(Duration.between(Runs.instant(e, "queued_at"), Runs.instant(e, "ts"))
                                .isNegative())
                        .isFalse();
                checked++;
            }
            assertThat(contact.containsKey("ANSWERED") && contact.containsKey("ABANDONED"))
                    .isFalse();
        }
        assertThat(checked).isGreaterThan(3_000);
    }

    @Test
    void completedOnlyAfterAnsweredByTheSameAgentWithDurations() {
        int completed = 0;
        for (Map<String, JsonNode> contact : byContact.values()) {
            JsonNode done = contact.get("COMPLETED");
            if (done == null) {
                continue;
            }
            JsonNode answered = contact.get("ANSWERED");
            assertThat(answered).isNotNull();
            assertThat(Runs.text(done, "agent_id")).isEqualTo(Runs.text(answered, "agent_id"));
            assertThat(Runs.text(done, "team")).isEqualTo(Runs.text(answered, "team"));
            double handle = 0;
            for (String d : List.of("talk_s", "hold_s", "wrap_s")) {
                assertThat(done.get(d).isNumber()).isTrue();
                assertThat(done.get(d).asDouble()).isNotNegative();
                handle += done.get(d).asDouble();
            }
            Instant expectedEnd = Runs.instant(answered, "ts").plusMillis((long) (handle * 1000));
            assertThat(Runs.instant(done, "ts")).isEqualTo(expectedEnd);
            assertThat(Runs.text(done, "outcome")).isNotNull();
            completed++;
        }
        assertThat(completed).isGreaterThan(2_500);
    }

    @Test
    void transferLegsPointToATransferredContact() {
        long legs = byContact.values().stream()
                .filter(c -> c.get("QUEUED").has("parent_contact_id"))
                .peek(c -> {
                    String parent = Runs.text(c.get("QUEUED"), "parent_contact_id");
                    JsonNode parentDone = byContact.get(parent).get("COMPLETED");
                    assertThat(Runs.text(parentDone, "outcome")).isEqualTo("transferred");
                    assertThat(Runs.text(c.get("QUEUED"), "queue")).isNotEqualTo(Runs.text(parentDone, "queue"));
                })
                .count();
        assertThat(legs).isGreaterThan(50);
    }

    @Test
    void someContactsAreOutboundAndSomeCallersUnidentified() {
        List<JsonNode> queued =
                byContact.values().stream().map(c -> c.get("QUEUED")).toList();
        long outbound = queued.stream()
                .filter(q -> "outbound".equals(Runs.text(q, "direction")))
                .count();
        long unidentified = queued.stream().filter(q -> !q.has("customer_id")).count();
        assertThat(outbound).isBetween(queued.size() / 200L, queued.size() / 10L);
        assertThat(unidentified).isBetween(queued.size() / 50L, queued.size() / 5L);
    }

    @Test
    void everyChannelAppears() {
        assertThat(byContact.values().stream()
                        .map(c -> Runs.text(c.get("QUEUED"), "channel"))
                        .distinct())
                .containsExactlyInAnyOrder("voice", "callback", "chat", "video", "email", "social", "sms");
    }

    @Test
    void withoutMessEachTopicIsDeliveredInEventTimeOrder() {
        List<ProducedRecord> clean = Runs.run(Runs.config(11, 20, 1, MessRates.none()));
        for (InputTopic topic : InputTopic.values()) {
            List<Instant> times = clean.stream()
                    .filter(r -> r.topic() == topic)
                    .map(ProducedRecord::eventTime)
                    .toList();
            assertThat(times).isNotEmpty().isSorted();
        }
    }
}
