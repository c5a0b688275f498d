package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.FileSink;
import org.ccpulse.simulator.output.InputTopic;
import org.ccpulse.simulator.output.ProducedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
    private static final MessRates MESS = new MessRates(0.02, 0.01, 0.02, Map.of()).withAllBad(0.003);

    @TempDir
    Path dir;

    @Test
    void filesHoldEveryRecordInOrderAndTheManifestPointsAtEachBadLine() throws IOException {
        SimulationConfig config = Runs.config(17, 20, 1, MESS);
        List<ProducedRecord> expected = Runs.run(config);
        Simulation simulation = new Simulation(config, Runs.CLOCK);
        try (FileSink sink = new FileSink(dir)) {
            simulation.run(sink, () -> false);
        }

        for (InputTopic topic : InputTopic.values()) {
            List<byte[]> lines = lines(dir.resolve(topic.fileName()));
            List<byte[]> values = expected.stream()
                    .filter(r -> r.topic() == topic)
                    .map(ProducedRecord::value)
                    .toList();
            assertThat(lines).as(topic.fileName()).hasSameSizeAs(values);
            for (int i = 0; i < lines.size(); i++) {
                assertThat(lines.get(i)).isEqualTo(values.get(i));
            }
        }

        List<String> manifest = Files.readAllLines(dir.resolve(FileSink.MANIFEST));
        assertThat(manifest)
                .hasSize((int) expected.stream().filter(ProducedRecord::bad).count())
                .hasSizeGreaterThan(50);
        for (String entry : manifest) {
            JsonNode m = Runs.json(entry.getBytes());
            InputTopic topic = Arrays.stream(InputTopic.values())
                    .filter(t -> t.defaultName().equals(m.get("topic").asText()))
                    .findFirst()
                    .orElseThrow();
            int line = m.get("line").asInt();
            ProducedRecord labelled =
                    expected.stream().filter(r -> r.topic() == topic).toList().get(line - 1);
            assertThat(labelled.bad()).isTrue();
            assertThat(lines(dir.resolve(topic.fileName())).get(line - 1)).isEqualTo(labelled.value());
            assertThat(Problem.valueOf(m.get("problem").asText()))
                    .isEqualTo(labelled.defect().problem());
            assertThat(m.get("field").isNull() ? null : m.get("field").asText())
                    .isEqualTo(labelled.defect().field());
        }
        assertThat(simulation.summary().total()).isEqualTo(expected.size());
    }

    private static List<byte[]> lines(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, from, i));
                from = i + 1;
            }
        }
        assertThat(from).as("file ends with a newline").isEqualTo(all.length);
        return lines;
    }
}
