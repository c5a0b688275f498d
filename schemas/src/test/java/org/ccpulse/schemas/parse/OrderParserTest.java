package org.ccpulse.schemas.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ccpulse.schemas.parse.Corpus.CLOCK;
import static org.ccpulse.schemas.parse.Corpus.bytes;
import static org.ccpulse.schemas.parse.Verdicts.accepted;

import java.math.BigDecimal;
import java.time.Instant;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OrderParserTest {
    private final OrderParser parser = new OrderParser(CLOCK);

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.ccpulse.schemas.parse.Corpus#orders")
    void givesTheVerdictOfEveryRule(Corpus.Case c) {
        Verdicts.assertVerdict(parser, c);
    }

    @Test
    void readsEveryField() {
        Order order = accepted(parser.parse(bytes("""
                {"event_id":"e-3","order_id":"o-3","customer_id":"cu-3","type":"REFUND",
                 "ts":"2026-11-24T09:15:02+01:00","amount":19.99,"currency":"GBP"}
                """)));

        assertThat(order)
                .isEqualTo(new Order(
                        "e-3",
                        "o-3",
                        "cu-3",
                        OrderType.REFUND,
                        Instant.parse("2026-11-24T08:15:02Z"),
                        new BigDecimal("19.99"),
                        "GBP"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"129.90", "12345678901234567.123456789012345678", "0.1", "1e2"})
    void keepsTheAmountExactlyAsWritten(String amount) {
        // most of these have no exact double: a detour through double would change them
        String json =
                Corpus.without(Corpus.purchase(), "amount").toString().replace("}", ",\"amount\":" + amount + "}");

        Order order = accepted(parser.parse(bytes(json)));

        assertThat(order.amount()).isEqualTo(new BigDecimal(amount)); // BigDecimal.equals compares the scale too
    }

    @Test
    void currencyIsOptional() {
        assertThat(accepted(parser.parse(bytes(Corpus.purchase().toString()))).currency())
                .isNull();
    }
}
