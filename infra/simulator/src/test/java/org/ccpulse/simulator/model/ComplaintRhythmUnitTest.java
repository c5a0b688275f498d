package org.ccpulse.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ComplaintRhythmUnitTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long TUESDAY_3_NOV =
            Instant.parse("2026-11-03T09:30:00Z").toEpochMilli();
    private static final long TUESDAY_10_NOV =
            Instant.parse("2026-11-10T09:30:00Z").toEpochMilli();
    private static final int BILLING = ComplaintRhythm.indexOf("company.billing");

    @Test
    void theMonthStartEffectIsOffByDefaultAndScalesBillingOnlyWhenAskedFor() {
        ComplaintRhythm weekly = new ComplaintRhythm(BERLIN);
        ComplaintRhythm invoiced = new ComplaintRhythm(BERLIN, 1.3);

        assertThat(weekly.rate(BILLING, TUESDAY_3_NOV)).isEqualTo(weekly.rate(BILLING, TUESDAY_10_NOV));
        assertThat(invoiced.rate(BILLING, TUESDAY_3_NOV) / invoiced.rate(BILLING, TUESDAY_10_NOV))
                .isCloseTo(1.3, within(1e-9));
        int delivery = ComplaintRhythm.indexOf("company.delivery");
        assertThat(invoiced.rate(delivery, TUESDAY_3_NOV)).isEqualTo(weekly.rate(delivery, TUESDAY_3_NOV));
    }

    @Test
    void ratesAverageToTheirSharesOverAWeekOfContacts() {
        ComplaintRhythm rhythm = new ComplaintRhythm(BERLIN);
        ArrivalCurve curve = new ArrivalCurve(BERLIN);
        double volume = 0;
        double[] weighted = new double[ComplaintRhythm.causeCount()];
        long monday = Instant.parse("2026-11-08T23:00:00Z").toEpochMilli();
        for (long t = monday; t < monday + 7 * 86_400_000L; t += 300_000) {
            int day = (int) ((t - monday) / 86_400_000L);
            double v = curve.at(t) * (day >= 5 ? 2.0 / 3 : 1);
            volume += v;
            for (int c = 0; c < weighted.length; c++) {
                weighted[c] += v * rhythm.rate(c, t);
            }
        }
        assertThat(weighted[ComplaintRhythm.indexOf("agent.knowledge")] / volume)
                .isCloseTo(0.18, within(0.002));
        assertThat(weighted[BILLING] / volume).isCloseTo(0.16, within(0.002));
        assertThat(weighted[ComplaintRhythm.indexOf("company.policy")] / volume).isCloseTo(0.02, within(0.001));
    }
}
