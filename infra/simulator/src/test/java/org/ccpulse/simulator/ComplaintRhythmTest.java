package org.ccpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.model.ComplaintRhythm;
import org.ccpulse.simulator.output.InputTopic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three simulated weeks in Berlin, with a billing month-start factor of 1.3: complaints of each cause show the
 * rhythm ComplaintRhythm designs.
 */
class ComplaintRhythmTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** A Monday; the run holds the month start of November (invoices on the 1st, complaints on the 2nd-4th). */
    static final LocalDate START = LocalDate.of(2026, 10, 26);

    static final int DAYS = 21;

    /** Per cause: OPENED complaints by [day of the run][local hour]. */
    private static final Map<String, int[][]> COMPLAINTS = new HashMap<>();
    /** OPENED tickets other than complaints by [day][hour]: contact volume of known customers, without rhythm. */
    private static final int[][] OTHER_TICKETS = new int[DAYS][24];

    @BeforeAll
    static void simulate() {
        SimulationConfig config = new SimulationConfig(
                        21,
                        300,
                        1_000_000,
                        START,
                        DAYS,
                        BERLIN,
                        START.atStartOfDay(BERLIN).toInstant(),
                        "s21",
                        MessRates.none())
                .withBillingMonthStart(1.3);
        for (JsonNode t : Runs.events(config, InputTopic.TICKETS)) {
            if (!Runs.text(t, "type").equals("OPENED")) {
                continue;
            }
            ZonedDateTime local = Runs.instant(t, "ts").atZone(BERLIN);
            int day = (int) (local.toLocalDate().toEpochDay() - START.toEpochDay());
            if (Runs.text(t, "category").equals("complaint")) {
                COMPLAINTS.computeIfAbsent(Runs.text(t, "cause"), c -> new int[DAYS][24])[day][local.getHour()]++;
            } else {
                OTHER_TICKETS[day][local.getHour()]++;
            }
        }
    }

    @Test
    void everyCauseOccursAndSharesAreAsDesigned() {
        assertThat(COMPLAINTS.keySet()).containsExactlyInAnyOrderElementsOf(ComplaintRhythm.codes());
        double all = COMPLAINTS.values().stream()
                .mapToInt(ComplaintRhythmTest::total)
                .sum();
        assertThat(all).isGreaterThan(10_000);
        assertThat(total(COMPLAINTS.get("agent.knowledge")) / all).isCloseTo(0.18, within(0.02));
        assertThat(total(COMPLAINTS.get("company.billing")) / all).isCloseTo(0.16, within(0.02));
        assertThat(total(COMPLAINTS.get("company.policy")) / all).isCloseTo(0.02, within(0.006));
        assertThat(total(COMPLAINTS.get("customer.misuse")) / all).isCloseTo(0.03, within(0.008));
    }

    @Test
    void billingComplaintsPeakOnMondayMornings() {
        int[][] billing = COMPLAINTS.get("company.billing");
        double[] perDay = byWeekday(billing);
        assertThat(busiest(perDay)).isEqualTo(DayOfWeek.MONDAY.ordinal());
        assertThat(perDay[0]).isGreaterThan(1.35 * (perDay[2] + perDay[3] + perDay[4]) / 3);
        assertThat(busiest(byHour(billing))).isBetween(8, 10);
    }

    @Test
    void deliveryComplaintsPeakOnWeekdayAfternoons() {
        int[][] delivery = COMPLAINTS.get("company.delivery");
        double[] perDay = byWeekday(delivery);
        double weekday = (perDay[0] + perDay[1] + perDay[2] + perDay[3] + perDay[4]) / 5;
        assertThat(perDay[6]).isLessThan(0.3 * weekday);
        assertThat(perDay[5]).isLessThan(0.7 * weekday);
        assertThat(busiest(byHour(delivery))).isBetween(14, 16);
    }

    @Test
    void productComplaintsLeanToEveningsAndWeekends() {
        int[][] product = COMPLAINTS.get("company.product");
        double[] perDay = byWeekday(product);
        double[] contactsPerDay = byWeekday(OTHER_TICKETS);
        double weekdays = IntStream.range(0, 5).mapToDouble(d -> perDay[d]).sum()
                / IntStream.range(0, 5).mapToDouble(d -> contactsPerDay[d]).sum();
        double weekend = (perDay[5] + perDay[6]) / (contactsPerDay[5] + contactsPerDay[6]);
        assertThat(weekend).isGreaterThan(1.4 * weekdays);
        assertThat((perDay[5] + perDay[6]) / 2)
                .as("per weekend day, despite fewer contacts")
                .isGreaterThan(IntStream.range(0, 5).mapToDouble(d -> perDay[d]).sum() / 5);
        double[] hours = byHour(product);
        double[] contacts = byHour(OTHER_TICKETS);
        assertThat(hours[20] / contacts[20]).isGreaterThan(1.5 * hours[10] / contacts[10]);
    }

    @Test
    void agentCausedComplaintsFollowContactVolume() {
        double[] agent = new double[24];
        for (String cause : List.of("agent.knowledge", "agent.attitude", "agent.process_not_followed")) {
            double[] h = byHour(COMPLAINTS.get(cause));
            for (int i = 0; i < 24; i++) {
                agent[i] += h[i];
            }
        }
        double[] contacts = byHour(OTHER_TICKETS);
        double ratio = IntStream.range(0, 24).mapToDouble(i -> agent[i]).sum()
                / IntStream.range(0, 24).mapToDouble(i -> contacts[i]).sum();
        for (int hour = 0; hour < 24; hour++) {
            if (contacts[hour] > 2_000) {
                assertThat(agent[hour] / contacts[hour]).as("hour %d", hour).isCloseTo(ratio, within(0.2 * ratio));
            }
        }
    }

    @Test
    void billingComplaintsRiseAfterTheMonthStartInvoices() {
        int[][] billing = COMPLAINTS.get("company.billing");
        // 2-4 November 2026 is Monday-Wednesday of the second week; the same days of weeks 1 and 3 compare.
        double monthStart = 0;
        double other = 0;
        for (int day = 7; day < 10; day++) {
            monthStart += IntStream.of(billing[day]).sum();
            other += (IntStream.of(billing[day - 7]).sum()
                            + IntStream.of(billing[day + 7]).sum())
                    / 2.0;
        }
        assertThat(monthStart / other).isCloseTo(1.3, within(0.15));
    }

    private static int total(int[][] counts) {
        return java.util.Arrays.stream(counts).flatMapToInt(IntStream::of).sum();
    }

    /** Mean complaints per day, Monday to Sunday. */
    private static double[] byWeekday(int[][] counts) {
        double[] perDay = new double[7];
        for (int day = 0; day < DAYS; day++) {
            perDay[START.plusDays(day).getDayOfWeek().ordinal()] +=
                    IntStream.of(counts[day]).sum() / (DAYS / 7.0);
        }
        return perDay;
    }

    private static double[] byHour(int[][] counts) {
        double[] perHour = new double[24];
        for (int[] day : counts) {
            for (int h = 0; h < 24; h++) {
                perHour[h] += day[h];
            }
        }
        return perHour;
    }

    private static int busiest(double[] values) {
        return IntStream.range(0, values.length)
                .reduce((a, b) -> values[b] > values[a] ? b : a)
                .orElseThrow();
    }
}
