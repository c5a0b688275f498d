package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.InputTopic;
import org.junit.jupiter.api.Test;

/** Customers whose issue was not resolved come back, hours to days later, on any channel. */
class RepeatContactTest {

    @Test
    void unresolvedContactsAreFollowedByRepeatsHoursToDaysLater() {
        List<JsonNode> events =
                Runs.events(Runs.run(Runs.config(5, 30, 6, MessRates.none())), InputTopic.CONTACT_EVENTS);
        Map<String, List<JsonNode>> starts = new HashMap<>();
        Map<String, String> channelOf = new HashMap<>();
        for (JsonNode e : events) {
            if (Runs.text(e, "type").equals("QUEUED")) {
                channelOf.put(Runs.text(e, "contact_id"), Runs.text(e, "channel"));
                if (e.has("customer_id") && !e.has("parent_contact_id") && !e.has("direction")) {
                    starts.computeIfAbsent(Runs.text(e, "customer_id"), k -> new ArrayList<>())
                            .add(e);
                }
            }
        }
        starts.values().forEach(l -> l.sort(Comparator.comparing(e -> Runs.instant(e, "ts"))));

        int unresolved = 0;
        int unresolvedRepeated = 0;
        int resolved = 0;
        int resolvedRepeated = 0;
        int sameDay = 0;
        int laterDay = 0;
        int otherChannel = 0;
        for (JsonNode done : events) {
            if (!Runs.text(done, "type").equals("COMPLETED")
                    || !done.has("customer_id")
                    || done.has("direction")
                    || done.has("parent_contact_id")) {
                continue;
            }
            Instant end = Runs.instant(done, "ts");
            if (end.isAfter(Runs.START
                    .plusDays(3)
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant())) {
                continue; // leave three days for the repeat to show up
            }
            JsonNode next = starts.getOrDefault(Runs.text(done, "customer_id"), List.of()).stream()
                    .filter(s -> Runs.instant(s, "ts").isAfter(end))
                    .findFirst()
                    .orElse(null);
            boolean isResolved = Runs.text(done, "outcome").equals("resolved");
            boolean repeated = next != null
                    && Duration.between(end, Runs.instant(next, "ts")).toDays() < 3;
            if (isResolved) {
                resolved++;
                resolvedRepeated += repeated ? 1 : 0;
            } else if (Runs.text(done, "outcome").equals("unresolved")) {
                unresolved++;
                unresolvedRepeated += repeated ? 1 : 0;
            }
            if (repeated && !isResolved) {
                Duration gap = Duration.between(end, Runs.instant(next, "ts"));
                assertThat(gap).isPositive();
                if (gap.toHours() < 24) {
                    sameDay++;
                } else {
                    laterDay++;
                }
                if (!Runs.text(next, "channel").equals(Runs.text(done, "channel"))) {
                    otherChannel++;
                }
            }
        }
        double unresolvedRate = unresolvedRepeated / (double) unresolved;
        double resolvedRate = resolvedRepeated / (double) resolved;
        assertThat(unresolvedRate).as("repeat rate after unresolved").isGreaterThan(0.4);
        assertThat(unresolvedRate)
                .as("repeat rate after unresolved vs resolved")
                .isGreaterThan(resolvedRate + 0.25);
        assertThat(sameDay).as("repeats within 24 h").isGreaterThan(50);
        assertThat(laterDay).as("repeats after more than 24 h").isGreaterThan(50);
        assertThat(otherChannel).as("repeats on another channel").isGreaterThan(50);
    }
}
