package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpulse.schemas.event.CauseGroup;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.InputTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TicketTest {
    private static final Set<String> CAUSES = Set.of(
            "agent.knowledge",
            "agent.attitude",
            "agent.process_not_followed",
            "company.product",
            "company.billing",
            "company.delivery",
            "company.policy",
            "company.process",
            "company.system",
            "customer.misuse",
            "customer.expectation");
    private static final Set<String> DEPARTMENTS =
            Set.of("marketing", "rnd", "production", "finance", "logistics", "customer_service");

    private static List<JsonNode> tickets;

    @BeforeAll
    static void simulate() {
        tickets = Runs.events(Runs.run(Runs.config(9, 150, 3, MessRates.none())), InputTopic.TICKETS);
    }

    @Test
    void complaintCausesSplitAbout40_50_10ByGroup() {
        List<String> causes = tickets.stream()
                .filter(t -> Runs.text(t, "type").equals("OPENED")
                        && Runs.text(t, "category").equals("complaint"))
                .map(t -> Runs.text(t, "cause"))
                .toList();

        assertThat(causes).hasSizeGreaterThan(800).allMatch(CAUSES::contains);
        assertThat(causes).containsAll(CAUSES);
        assertThat(share(causes, "agent.")).isCloseTo(0.40, within(0.05));
        assertThat(share(causes, "company.")).isCloseTo(0.50, within(0.05));
        assertThat(share(causes, "customer.")).isCloseTo(0.10, within(0.03));
        assertThat(causes).allMatch(c -> CauseGroup.fromWire(c.substring(0, c.indexOf('.'))) != null);
    }

    @Test
    void everyTicketRunsOpenedToClosedWithItsFieldsOnEveryEvent() {
        Map<String, List<JsonNode>> byTicket = new LinkedHashMap<>();
        tickets.forEach(t -> byTicket.computeIfAbsent(Runs.text(t, "ticket_id"), k -> new ArrayList<>())
                .add(t));
        int reopened = 0;
        for (List<JsonNode> life : byTicket.values()) {
            life.sort(Comparator.comparing(t -> Runs.instant(t, "ts")));
            List<String> types = life.stream().map(t -> Runs.text(t, "type")).toList();
            assertThat(types.get(0)).isEqualTo("OPENED");
            if (types.contains("CLOSED")) {
                assertThat(types.get(types.size() - 1)).isEqualTo("CLOSED");
                assertThat(types).contains("RESOLVED");
            }
            int firstReopen = types.indexOf("REOPENED");
            if (firstReopen >= 0) {
                reopened++;
                assertThat(types.subList(0, firstReopen)).contains("RESOLVED");
            }
            JsonNode opened = life.get(0);
            assertThat(Runs.instant(opened, "due_at")).isAfter(Runs.instant(opened, "ts"));
            assertThat(Runs.text(opened, "department")).isIn(DEPARTMENTS);
            for (JsonNode t : life) {
                for (String field : List.of("customer_id", "category", "severity", "department", "due_at")) {
                    assertThat(Runs.text(t, field)).isEqualTo(Runs.text(opened, field));
                }
                assertThat(t.has("cause")).isEqualTo(Runs.text(t, "category").equals("complaint"));
            }
        }
        assertThat(byTicket.size()).isGreaterThan(2_000);
        assertThat(reopened).isPositive();
        assertThat(byTicket.values().stream().filter(l -> l.size() > 1).count()).isPositive();
        assertThat(tickets.stream().map(t -> Runs.text(t, "category")).distinct())
                .containsExactlyInAnyOrder("inquiry", "service_request", "complaint", "sales");
        assertThat(tickets.stream().filter(t -> !t.has("contact_id")).count())
                .as("web tickets")
                .isPositive();
    }

    @Test
    void someComplaintsAreResolvedAfterTheirDeadline() {
        Map<String, JsonNode> opened = new LinkedHashMap<>();
        tickets.stream()
                .filter(t -> Runs.text(t, "type").equals("OPENED"))
                .forEach(t -> opened.put(Runs.text(t, "ticket_id"), t));
        long late = tickets.stream()
                .filter(t -> Runs.text(t, "type").equals("RESOLVED"))
                .filter(t -> Runs.instant(t, "ts").isAfter(Runs.instant(t, "due_at")))
                .count();
        long onTime = tickets.stream()
                .filter(t -> Runs.text(t, "type").equals("RESOLVED"))
                .filter(t -> !Runs.instant(t, "ts").isAfter(Runs.instant(t, "due_at")))
                .count();
        assertThat(late).isPositive();
        assertThat(onTime).isGreaterThan(late);
    }

    private static double share(List<String> causes, String prefix) {
        return causes.stream().filter(c -> c.startsWith(prefix)).count() / (double) causes.size();
    }
}
