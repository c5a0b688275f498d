package org.ccpulse.jobs.servicelevel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlFormulaTest {

    private static final QueueRules RULES_80_20 =
            new QueueRules(Duration.ofSeconds(20), Duration.ofSeconds(5), 0.8, SlFormula.ANSWERED);

    /** 6 answered (4 within 20 s), 4 abandoned (1 short, 2 within 20 s incl. the short one). */
    private static QueueCounts sample() {
        QueueCounts c = new QueueCounts();
        for (int s : new int[] {3, 10, 20, 19}) {
            c.addAnswered(Duration.ofSeconds(s), RULES_80_20);
        }
        c.addAnswered(Duration.ofSeconds(21), RULES_80_20);
        c.addAnswered(Duration.ofSeconds(60), RULES_80_20);
        c.addAbandoned(Duration.ofSeconds(4), RULES_80_20);
        c.addAbandoned(Duration.ofSeconds(20), RULES_80_20);
        c.addAbandoned(Duration.ofSeconds(45), RULES_80_20);
        c.addAbandoned(Duration.ofSeconds(90), RULES_80_20);
        return c;
    }

    @Test
    void countsFollowTheEdgesOfTAndS() {
        QueueCounts c = sample();
        assertThat(c.answered).isEqualTo(6);
        assertThat(c.answeredInSl).as("wait exactly T counts as within").isEqualTo(4);
        assertThat(c.abandoned).isEqualTo(4);
        assertThat(c.shortAbandoned).as("only wait < S is short").isEqualTo(1);
        assertThat(c.abandonedInSl).isEqualTo(2);
        assertThat(c.maxWaitMs).isEqualTo(90_000);
        assertThat(c.answeredWaitMs).isEqualTo((3 + 10 + 20 + 19 + 21 + 60) * 1000L);
        assertThat(c.facts).isEqualTo(10);
    }

    @Test
    void waitExactlySIsNotShortAndJustOverTIsOutside() {
        QueueCounts c = new QueueCounts();
        c.addAbandoned(Duration.ofSeconds(5), RULES_80_20);
        c.addAnswered(Duration.ofSeconds(20).plusNanos(1), RULES_80_20);
        assertThat(c.shortAbandoned).isZero();
        assertThat(c.answeredInSl).isZero();
    }

    @Test
    void shortAbandonZeroDisablesShortAbandons() {
        QueueRules noShort = new QueueRules(Duration.ofSeconds(20), Duration.ZERO, 0.8, SlFormula.ANSWERED);
        QueueCounts c = new QueueCounts();
        c.addAbandoned(Duration.ZERO, noShort);
        assertThat(c.shortAbandoned).isZero();
        assertThat(c.abandonedInSl).isEqualTo(1);
    }

    @Test
    void eachFormulaUsesItsOwnNumeratorAndDenominator() {
        QueueCounts c = sample();
        assertThat(SlFormula.ANSWERED.serviceLevel(c)).isCloseTo(4.0 / (6 + 4 - 1), within(1e-12));
        assertThat(SlFormula.REMOVED.serviceLevel(c)).isCloseTo((4.0 + 2) / (6 + 4), within(1e-12));
        assertThat(SlFormula.ANSWERED_ONLY.serviceLevel(c)).isCloseTo(4.0 / 6, within(1e-12));
    }

    @Test
    void noContactsGivesNoServiceLevel() {
        QueueCounts c = new QueueCounts();
        for (SlFormula f : SlFormula.values()) {
            assertThat(f.serviceLevel(c)).isNaN();
        }
        QueueCounts onlyShortAbandons = new QueueCounts();
        onlyShortAbandons.addAbandoned(Duration.ofSeconds(1), RULES_80_20);
        assertThat(SlFormula.ANSWERED.serviceLevel(onlyShortAbandons)).isNaN();
        assertThat(SlFormula.REMOVED.serviceLevel(onlyShortAbandons)).isEqualTo(1.0);
    }

    @Test
    void handleTimeAddsUpCompletedContacts() {
        QueueCounts c = new QueueCounts();
        c.addCompleted(Duration.ofMillis(180_500));
        c.addCompleted(Duration.ofSeconds(120));
        assertThat(c.handled).isEqualTo(2);
        assertThat(c.handleMs).isEqualTo(300_500);
    }
}
