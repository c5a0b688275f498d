package org.ccpulse.simulator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.ProducedRecord;
import org.junit.jupiter.api.Test;

/** A live run that stops leaves no contact waiting: the center closes its doors, as a real one would say. */
class ClosingDoorsTest {

    @Test
    void contactsWaitingWhenTheRunStopsHangUpThenAndNothingNotYetHappenedIsSent() throws IOException {
        // a small center stopped in the middle of its day: contacts queue up and wait
        Simulation simulation = new Simulation(Runs.config(7, 10, 1, MessRates.none()), Runs.CLOCK);
        List<ProducedRecord> records = new ArrayList<>();
        simulation.run(records::add, () -> records.size() >= 6_000);
        Instant lastBeforeClosing = records.get(records.size() - 1).eventTime();
        Set<String> waitingAtStop = waiting(Runs.events(records, InputTopic.CONTACT_EVENTS));
        assertThat(waitingAtStop).as("contacts waiting when the run stops").isNotEmpty();

        int sentBefore = records.size();
        simulation.closeDoors(records::add);

        List<JsonNode> closing = Runs.events(records.subList(sentBefore, records.size()), InputTopic.CONTACT_EVENTS);
        Set<String> abandonedAtClose = new HashSet<>();
        for (JsonNode e : closing) {
            assertThat(Runs.instant(e, "ts"))
                    .as("nothing from beyond the closing horizon")
                    .isBeforeOrEqualTo(lastBeforeClosing.plusMillis(Simulation.CLOSING_HORIZON_MS));
            if (Runs.text(e, "type").equals("ABANDONED")
                    && Runs.instant(e, "ts").equals(lastBeforeClosing)) {
                abandonedAtClose.add(Runs.text(e, "contact_id"));
            }
        }
        assertThat(abandonedAtClose).as("hung up when the doors closed").isNotEmpty();
        assertThat(waiting(Runs.events(records, InputTopic.CONTACT_EVENTS)))
                .as("waiting after the doors closed")
                .isEmpty();
    }

    @Test
    void aRecordWaitingForItsMomentWhenTheRunStopsIsSentNotDropped() throws Exception {
        SimulationConfig config = Runs.config(7, 10, 1, MessRates.none());
        List<ProducedRecord> unpaced = new ArrayList<>();
        new Simulation(config, Runs.CLOCK).run(unpaced::add, () -> unpaced.size() >= 3_000);
        int next = 2_000;
        while (!unpaced.get(next).eventTime().isAfter(unpaced.get(next - 1).eventTime())) {
            next++;
        }
        ProducedRecord waiting = unpaced.get(next);
        // Paced so that every record before it is due at once and it is due an hour from now.
        Instant dueNow = unpaced.get(next - 1).eventTime();
        double speed = (waiting.eventTime().toEpochMilli() - dueNow.toEpochMilli()) / 3_600_000.0;
        Pacer pacer = new Pacer(dueNow, speed);

        List<ProducedRecord> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try {
                new Simulation(config, Runs.CLOCK).run(sent::add, stop::get, pacer);
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        run.start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (sent.size() < next && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sent).as("every record due at once").hasSize(next);
        Thread.sleep(200); // the run is now waiting for the next record's moment
        stop.set(true); // as the live runner and the command line stop it
        run.interrupt();
        run.join(10_000);

        assertThat(ended.get()).isInstanceOf(InterruptedIOException.class);
        assertThat(sent).as("the record it was waiting for").hasSize(next + 1);
        ProducedRecord last = sent.get(next);
        assertThat(List.of(last.topic(), last.key(), last.eventTime(), new String(last.value(), UTF_8)))
                .isEqualTo(List.of(
                        waiting.topic(), waiting.key(), waiting.eventTime(), new String(waiting.value(), UTF_8)));
    }

    /** Inbound contacts queued, neither answered nor abandoned. */
    private static Set<String> waiting(List<JsonNode> events) {
        Map<String, String> lastStep = new HashMap<>();
        for (JsonNode e : events) {
            String type = Runs.text(e, "type");
            String contact = Runs.text(e, "contact_id");
            if ("inbound".equals(Runs.text(e, "direction")) || Runs.text(e, "direction") == null) {
                if (type.equals("QUEUED")) {
                    lastStep.putIfAbsent(contact, type);
                } else if (type.equals("ANSWERED") || type.equals("ABANDONED")) {
                    lastStep.put(contact, type);
                }
            }
        }
        Set<String> waiting = new HashSet<>();
        lastStep.forEach((contact, step) -> {
            if (step.equals("QUEUED")) {
                waiting.add(contact);
            }
        });
        return waiting;
    }
}
