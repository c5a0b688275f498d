package org.ccpulse.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.schemas.parse.Corpus.CLOCK;
import static org.ccpulse.schemas.parse.Corpus.bytes;
import static org.ccpulse.schemas.parse.Verdicts.accepted;
import static org.ccpulse.schemas.parse.Verdicts.rejection;

import java.time.Instant;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContactEventParserTest {
    private final ContactEventParser parser = new ContactEventParser(CLOCK);

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.ccpulse.schemas.parse.Corpus#contactEvents")
    void givesTheVerdictOfEveryRule(Corpus.Case c) {
        Verdicts.assertVerdict(parser, c);
    }

    @Test
    void readsEveryFieldOfACompletedContact() {
        ContactEvent event = accepted(parser.parse(bytes("""
                {"event_id":"e-9","contact_id":"c-9","type":"COMPLETED","ts":"2026-11-24T17:15:02.5+08:00",
                 "channel":"chat","direction":"outbound","queue":"billing","customer_id":"cu-3",
                 "queued_at":"2026-11-24T09:00:00Z","agent_id":"a-1","team":"t-1","talk_s":312.25,"hold_s":0,
                 "wrap_s":45,"reason":"billing.dispute","outcome":"callback_scheduled","parent_contact_id":"c-8"}
                """)));

        assertThat(event)
                .isEqualTo(new ContactEvent(
                        "e-9",
                        "c-9",
                        ContactEventType.COMPLETED,
                        Instant.parse("2026-11-24T09:15:02.500Z"),
                        Channel.CHAT,
                        Direction.OUTBOUND,
                        "billing",
                        "cu-3",
                        Instant.parse("2026-11-24T09:00:00Z"),
                        "a-1",
                        "t-1",
                        312.25,
                        0.0,
                        45.0,
                        "billing.dispute",
                        Outcome.CALLBACK_SCHEDULED,
                        "c-8"));
    }

    @Test
    void directionDefaultsToInboundAndOptionalFieldsAreNull() {
        ContactEvent event = accepted(parser.parse(bytes(Corpus.queued().toString())));

        assertThat(event.direction()).isEqualTo(Direction.INBOUND);
        assertThat(event.customerId()).isNull();
        assertThat(event.queuedAt()).isNull();
        assertThat(event.talkS()).isNull();
        assertThat(event.outcome()).isNull();
    }

    @Test
    void nullDirectionAlsoDefaultsToInbound() {
        ContactEvent event =
                accepted(parser.parse(bytes(Corpus.queued().putNull("direction").toString())));

        assertThat(event.direction()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void unknownFieldsDoNotShadowKnownOnes() {
        String json = "{\"x\":{\"type\":\"COMPLETED\",\"queue\":\"wrong\"},"
                + Corpus.queued().toString().substring(1);

        ContactEvent event = accepted(parser.parse(bytes(json)));

        assertThat(event.type()).isEqualTo(ContactEventType.QUEUED);
        assertThat(event.queue()).isEqualTo("billing");
    }

    @Test
    void reportsTheFirstFieldProblemInDocumentOrder() {
        String json = Corpus.completed().put("talk_s", -1).put("channel", "fax").toString();

        Rejection rejection = rejection(parser.parse(bytes(json)));

        assertThat(rejection.field()).isEqualTo("channel"); // channel comes before talk_s in the document
        assertThat(rejection.problem()).isEqualTo(Problem.UNKNOWN_ENUM);
    }

    @Test
    void aFieldProblemWinsOverAMissingField() {
        String json =
                Corpus.without(Corpus.completed(), "event_id").put("wrap_s", -2).toString();

        Rejection rejection = rejection(parser.parse(bytes(json)));

        assertThat(rejection.field()).isEqualTo("wrap_s");
        assertThat(rejection.problem()).isEqualTo(Problem.NEGATIVE_DURATION);
    }

    @Test
    void reasonNamesFieldProblemAndValue() {
        Rejection rejection = rejection(
                parser.parse(bytes(Corpus.completed().put("talk_s", -3.5).toString())));

        assertThat(rejection.reason()).isEqualTo("talk_s: NEGATIVE_DURATION (-3.5)");
    }

    @Test
    void typeDependentMissingFieldSaysWhy() {
        Rejection rejection = rejection(parser.parse(
                bytes(Corpus.without(Corpus.abandoned(), "queued_at").toString())));

        assertThat(rejection.reason()).isEqualTo("queued_at: MISSING_FIELD (required when type is ABANDONED)");
    }

    @Test
    void unknownEnumListsTheAllowedSpellings() {
        Rejection rejection = rejection(
                parser.parse(bytes(Corpus.queued().put("channel", "Voice").toString())));

        assertThat(rejection.detail())
                .isEqualTo("\"Voice\" is not one of [voice, callback, chat, email, social, sms, video]");
    }
}
