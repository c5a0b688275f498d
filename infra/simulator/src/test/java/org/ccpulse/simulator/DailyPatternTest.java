package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.output.InputTopic;
import org.junit.jupiter.api.Test;

/** Volume, staffing, waits and abandons follow the time of day in the business time zone. */
class DailyPatternTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final List<JsonNode> events = Runs.events(
            Runs.run(Runs.config(3, 100, 20_000, 2, NEW_YORK, MessRates.none())), InputTopic.CONTACT_EVENTS);

    @Test
    void arrivalsPeakInTheLocalMorningAndAreQuietAtNight() {
        int[] queued = new int[24];
        events.stream().filter(e -> Runs.text(e, "type").equals("QUEUED")).forEach(e -> queued[localHour(e)]++);

        int peakHour = IntStream.range(0, 24)
                .boxed()
                .max((a, b) -> queued[a] - queued[b])
                .orElseThrow();
        assertThat(peakHour).isBetween(9, 12);
        assertThat(queued[10]).isGreaterThan(8 * queued[3]);
    }

    @Test
    void staffingFollowsTheCurve() {
        List<Set<String>> agents = IntStream.range(0, 24)
                .mapToObj(h -> (Set<String>) new HashSet<String>())
                .toList();
        events.stream()
                .filter(e -> Runs.text(e, "type").equals("ANSWERED"))
                .forEach(e -> agents.get(localHour(e)).add(Runs.text(e, "agent_id")));

        assertThat(agents.get(10).size()).isGreaterThan(4 * agents.get(3).size());
        assertThat(agents.get(3)).isNotEmpty();
    }

    @Test
    void abandonRatesAndWaitsVaryAcrossTheDay() {
        int[] answered = new int[24];
        int[] abandoned = new int[24];
        double[] waitSum = new double[24];
        for (JsonNode e : events) {
            String type = Runs.text(e, "type");
            if (!Runs.text(e, "channel").equals("voice") || !(type.equals("ANSWERED") || type.equals("ABANDONED"))) {
                continue;
            }
            int h = localHour(e);
            double wait = Duration.between(Runs.instant(e, "queued_at"), Runs.instant(e, "ts"))
                            .toMillis()
                    / 1000.0;
            if (type.equals("ANSWERED")) {
                answered[h]++;
                waitSum[h] += wait;
            } else {
                abandoned[h]++;
            }
        }
        double minRate = 1;
        double maxRate = 0;
        double minAsa = Double.MAX_VALUE;
        double maxAsa = 0;
        for (int h = 0; h < 24; h++) {
            if (answered[h] + abandoned[h] < 40) {
                continue;
            }
            double rate = abandoned[h] / (double) (answered[h] + abandoned[h]);
            double asa = waitSum[h] / answered[h];
            minRate = Math.min(minRate, rate);
            maxRate = Math.max(maxRate, rate);
            minAsa = Math.min(minAsa, asa);
            maxAsa = Math.max(maxAsa, asa);
        }
        assertThat(maxRate - minRate).as("spread of hourly abandon rates").isGreaterThan(0.05);
        assertThat(maxAsa).as("slowest hourly ASA vs fastest").isGreaterThan(3 * minAsa);
        assertThat(IntStream.of(abandoned).sum()).isPositive();
    }

    private static int localHour(JsonNode e) {
        return Runs.instant(e, "ts").atZone(NEW_YORK).getHour();
    }
}
