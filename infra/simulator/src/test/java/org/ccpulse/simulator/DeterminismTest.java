package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.Delivery;
import org.ccpulse.simulator.output.ProducedRecord;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final MessRates MESS = new MessRates(0.05, 0.01, 0.02, Map.of()).withAllBad(0.002);

    @Test
    void sameSeedGivesIdenticalRecordsInIdenticalOrder() {
        List<ProducedRecord> first = Runs.run(Runs.config(7, 20, 1, MESS));
        List<ProducedRecord> second = Runs.run(Runs.config(7, 20, 1, MESS));

        assertThat(first).hasSizeGreaterThan(2_000).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            ProducedRecord a = first.get(i);
            ProducedRecord b = second.get(i);
            assertThat(b.value()).as("record %d", i).isEqualTo(a.value());
            assertThat(b.key()).isEqualTo(a.key());
            assertThat(b.topic()).isEqualTo(a.topic());
            assertThat(b.defect()).isEqualTo(a.defect());
            assertThat(b.delivery()).isEqualTo(a.delivery());
        }
    }

    @Test
    void anotherSeedGivesAnotherStream() {
        List<String> first = texts(Runs.run(Runs.config(7, 20, 1, MessRates.none())));
        List<String> other = texts(Runs.run(Runs.config(8, 20, 1, MessRates.none())));

        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void messRatesDoNotChangeTheModelsEvents() {
        List<String> clean = texts(Runs.run(Runs.config(7, 20, 1, MessRates.none())));
        List<String> messy = texts(Runs.run(Runs.config(7, 20, 1, MESS)).stream()
                .filter(r -> !r.bad() && r.delivery() != Delivery.REDELIVERED)
                .toList());

        assertThat(messy).containsExactlyInAnyOrderElementsOf(clean);
    }

    private static List<String> texts(List<ProducedRecord> records) {
        return records.stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }
}
