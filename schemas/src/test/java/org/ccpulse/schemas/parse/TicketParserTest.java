package org.ccpulse.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.schemas.parse.Corpus.CLOCK;
import static org.ccpulse.schemas.parse.Corpus.bytes;
import static org.ccpulse.schemas.parse.Verdicts.accepted;

import java.time.Instant;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.Severity;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketParserTest {
    private final TicketParser parser = new TicketParser(CLOCK);

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.ccpulse.schemas.parse.Corpus#tickets")
    void givesTheVerdictOfEveryRule(Corpus.Case c) {
        Verdicts.assertVerdict(parser, c);
    }

    @Test
    void readsEveryFieldOfAComplaint() {
        Ticket ticket = accepted(parser.parse(bytes("""
                {"event_id":"e-2","ticket_id":"t-2","type":"REOPENED","ts":"2026-11-24T10:00:00.000001Z",
                 "customer_id":"cu-2","contact_id":"c-2","channel":"email","category":"complaint",
                 "cause":"agent.attitude","product":"mobile-s","department":"rnd","severity":"high",
                 "due_at":"2026-11-25T08:00:00-03:30"}
                """)));

        assertThat(ticket)
                .isEqualTo(new Ticket(
                        "e-2",
                        "t-2",
                        TicketType.REOPENED,
                        Instant.parse("2026-11-24T10:00:00.000001Z"),
                        "cu-2",
                        "c-2",
                        Channel.EMAIL,
                        TicketCategory.COMPLAINT,
                        "agent.attitude",
                        "mobile-s",
                        "rnd",
                        Severity.HIGH,
                        Instant.parse("2026-11-25T11:30:00Z")));
    }

    @Test
    void severityDefaultsToMedium() {
        assertThat(accepted(parser.parse(bytes(Corpus.ticket().toString()))).severity())
                .isEqualTo(Severity.MEDIUM);
        assertThat(accepted(parser.parse(
                                bytes(Corpus.ticket().putNull("severity").toString())))
                        .severity())
                .isEqualTo(Severity.MEDIUM);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "agent.knowledge",
                "company.billing",
                "customer.misuse",
                "company.product.fibre",
                "agent.process_not_followed"
            })
    void acceptsCauseCodesOfTheThreeGroups(String cause) {
        assertThat(TicketParser.isCauseCode(cause)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "company",
                "company.",
                ".billing",
                "billing.company",
                "company..x",
                "agents.x",
                "COMPANY.billing",
                "company.billing."
            })
    void rejectsOtherCauseCodes(String cause) {
        assertThat(TicketParser.isCauseCode(cause)).isFalse();
    }
}
