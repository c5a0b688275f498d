package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.model.Catalog;
import org.ccpulse.simulator.model.ComplaintSurge;
import org.ccpulse.simulator.output.Delivery;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.ProducedRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A week in Berlin with the simulator's default mess, run twice with the same seed: without surges, and with a
 * 4x billing surge on Tuesday 10:00-12:00 and a 4x delivery surge over the five weekdays.
 */
class ComplaintSurgeTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 9);
    private static final MessRates MESS = new MessRates(0.02, 0.005, 0.01, Map.of()).withAllBad(0.0005);
    private static final ComplaintSurge BILLING =
            ComplaintSurge.parse("cause=company.billing,start=2026-11-10T10:00,hours=2,factor=4", BERLIN);
    private static final ComplaintSurge DELIVERY =
            new ComplaintSurge("company.delivery", MONDAY.atStartOfDay(BERLIN).toInstant(), Duration.ofDays(5), 4);

    private static Run plain;
    private static Run surged;

    @BeforeAll
    static void simulate() {
        SimulationConfig config = SimulationConfig.backfill(5, 300, MONDAY, 7, BERLIN, MESS);
        plain = Run.of(config);
        surged = Run.of(config.withComplaintSurge(BILLING).withComplaintSurge(DELIVERY));
    }

    @Test
    void everyOtherRecordIsTheSameAsWithoutTheSurges() {
        assertThat(surged.surgeTickets).isNotEmpty();
        assertThat(surged.otherRecords).isEqualTo(plain.otherRecords).isGreaterThan(400_000);
        assertThat(surged.otherDigest).isEqualTo(plain.otherDigest);
        assertThat(plain.surgeTickets).isEmpty();
    }

    @Test
    void aSurgeMultipliesItsCauseByTheFactorAndNoOtherCause() {
        // Five weekdays of delivery complaints, precise enough for the factor itself: 542 -> 2,372 (4.4; seeds 6
        // and 7 give 4.1 and 3.9).
        double delivery = surged.complaints("company.delivery", DELIVERY)
                / (double) plain.complaints("company.delivery", DELIVERY);
        assertThat(delivery).isCloseTo(4, within(0.6));
        // Two hours of billing complaints, the shape the complaint spike job must catch: 38 -> 142 (seeds 6 and 7:
        // 46 -> 170, 41 -> 155).
        int before = plain.complaints("company.billing", BILLING);
        assertThat(before).isGreaterThan(25);
        assertThat(surged.complaints("company.billing", BILLING) / (double) before)
                .isBetween(2.8, 5.5);
        // Outside their windows, and for every other cause, nothing changes.
        for (String cause : plain.openedByCause.keySet()) {
            if (!cause.equals("company.billing") && !cause.equals("company.delivery")) {
                assertThat(surged.openedByCause.get(cause)).as(cause).isEqualTo(plain.openedByCause.get(cause));
            }
        }
        assertThat(surged.openedByCause.get("company.billing") - plain.openedByCause.get("company.billing"))
                .isEqualTo(surged.surgeTickets.stream()
                        .filter(t -> Runs.text(t, "type").equals("OPENED")
                                && Runs.text(t, "cause").equals("company.billing"))
                        .count());
    }

    @Test
    void surgeComplaintsAreRealisticComplaintsOfTheirCauseInsideTheirWindow() {
        Set<String> lifecycle = new HashSet<>();
        for (JsonNode t : surged.surgeTickets) {
            String cause = Runs.text(t, "cause");
            ComplaintSurge surge = cause.equals("company.billing") ? BILLING : DELIVERY;
            assertThat(Runs.text(t, "category")).isEqualTo("complaint");
            assertThat(cause).isIn("company.billing", "company.delivery");
            assertThat(Runs.text(t, "department")).isEqualTo(Catalog.departmentForCause(cause));
            if (cause.equals("company.delivery") && t.has("product")) {
                assertThat(Runs.text(t, "product")).isIn(Catalog.DELIVERED_PRODUCTS);
            }
            assertThat(Runs.text(t, "ticket_id")).startsWith("s5-surge-t");
            if (Runs.text(t, "type").equals("OPENED")) {
                Instant opened = Runs.instant(t, "ts");
                assertThat(Runs.instant(t, "due_at")).isAfter(opened);
                assertThat(opened).isBetween(surge.start(), surge.end().plusSeconds(120));
                String contact = Runs.text(t, "contact_id");
                if (contact != null) {
                    assertThat(surged.customerOfContactCompletedIn.get(contact))
                            .as("the contact %s completed in the surge, by the same customer", contact)
                            .isEqualTo(Runs.text(t, "customer_id"));
                }
            }
            lifecycle.add(Runs.text(t, "type"));
        }
        assertThat(lifecycle).contains("OPENED", "RESOLVED", "CLOSED");
        assertThat(surged.surgeTickets.stream().filter(t -> t.has("contact_id")))
                .as("raised on contacts")
                .isNotEmpty();
    }

    /** What a run produced: surge tickets, a digest of all other records, complaints opened per cause and hour. */
    private static final class Run {
        final List<JsonNode> surgeTickets = new ArrayList<>();
        final Map<String, Integer> openedByCause = new HashMap<>();
        final List<JsonNode> complaints = new ArrayList<>();
        final Map<String, String> customerOfContactCompletedIn = new HashMap<>();
        long otherRecords;
        byte[] otherDigest;

        static Run of(SimulationConfig config) {
            Run run = new Run();
            MessageDigest digest = sha256();
            try {
                new Simulation(config, Runs.CLOCK).run(r -> run.take(r, digest), () -> false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            run.otherDigest = digest.digest();
            return run;
        }

        private void take(ProducedRecord r, MessageDigest digest) {
            boolean good = !r.bad() && r.delivery() != Delivery.REDELIVERED;
            if (r.topic() == InputTopic.TICKETS && r.key().startsWith("s5-surge-")) {
                if (good) {
                    surgeTickets.add(Runs.json(r.value()));
                }
            } else {
                otherRecords++;
                digest.update(r.topic().name().getBytes(StandardCharsets.UTF_8));
                digest.update(r.key() == null ? new byte[0] : r.key().getBytes(StandardCharsets.UTF_8));
                digest.update(r.value());
                digest.update(r.delivery().name().getBytes(StandardCharsets.UTF_8));
            }
            if (good && r.topic() == InputTopic.TICKETS) {
                JsonNode t = Runs.json(r.value());
                if (Runs.text(t, "type").equals("OPENED")
                        && Runs.text(t, "category").equals("complaint")) {
                    openedByCause.merge(Runs.text(t, "cause"), 1, Integer::sum);
                    complaints.add(t);
                }
            }
            if (good
                    && r.topic() == InputTopic.CONTACT_EVENTS
                    && (BILLING.covers(r.eventTime().toEpochMilli())
                            || DELIVERY.covers(r.eventTime().toEpochMilli()))) {
                JsonNode e = Runs.json(r.value());
                if (Runs.text(e, "type").equals("COMPLETED") && e.has("customer_id")) {
                    customerOfContactCompletedIn.put(Runs.text(e, "contact_id"), Runs.text(e, "customer_id"));
                }
            }
        }

        /** Complaints of {@code cause} opened within the surge's hours. */
        int complaints(String cause, ComplaintSurge window) {
            return (int) complaints.stream()
                    .filter(t -> Runs.text(t, "cause").equals(cause)
                            && window.covers(Runs.instant(t, "ts").toEpochMilli()))
                    .count();
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
