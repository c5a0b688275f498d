package org.ccpulse.schemas.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;
import org.ccpulse.schemas.event.Outcome;
import org.ccpulse.schemas.event.Severity;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;
import org.junit.jupiter.api.Test;

class WireWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TS = Instant.parse("2026-11-24T09:15:02.123456Z");

    private final WireWriter writer = new WireWriter();

    @Test
    void completedContactHasEverySnakeCaseFieldWithWireSpellings() throws Exception {
        ContactEvent e = new ContactEvent(
                "e1",
                "c1",
                ContactEventType.COMPLETED,
                TS,
                Channel.CALLBACK,
                Direction.OUTBOUND,
                "billing",
                "cust-7",
                TS.minusSeconds(60),
                "agent-3",
                "billing-t1",
                120.5,
                0.0,
                30.25,
                "billing.dispute",
                Outcome.CALLBACK_SCHEDULED,
                "c0");

        JsonNode n = JSON.readTree(writer.write(e));

        assertThat(n.get("event_id").asText()).isEqualTo("e1");
        assertThat(n.get("contact_id").asText()).isEqualTo("c1");
        assertThat(n.get("type").asText()).isEqualTo("COMPLETED");
        assertThat(n.get("ts").asText()).isEqualTo("2026-11-24T09:15:02.123Z");
        assertThat(n.get("channel").asText()).isEqualTo("callback");
        assertThat(n.get("direction").asText()).isEqualTo("outbound");
        assertThat(n.get("queue").asText()).isEqualTo("billing");
        assertThat(n.get("customer_id").asText()).isEqualTo("cust-7");
        assertThat(n.get("queued_at").asText()).isEqualTo("2026-11-24T09:14:02.123Z");
        assertThat(n.get("agent_id").asText()).isEqualTo("agent-3");
        assertThat(n.get("team").asText()).isEqualTo("billing-t1");
        assertThat(n.get("talk_s").isNumber()).isTrue();
        assertThat(n.get("talk_s").asDouble()).isEqualTo(120.5);
        assertThat(n.get("hold_s").asDouble()).isEqualTo(0.0);
        assertThat(n.get("wrap_s").asDouble()).isEqualTo(30.25);
        assertThat(n.get("reason").asText()).isEqualTo("billing.dispute");
        assertThat(n.get("outcome").asText()).isEqualTo("callback_scheduled");
        assertThat(n.get("parent_contact_id").asText()).isEqualTo("c0");
        assertThat(n.size()).isEqualTo(17);
    }

    @Test
    void absentOptionalFieldsAreOmittedNotNull() throws Exception {
        ContactEvent queued = new ContactEvent(
                "e2",
                "c2",
                ContactEventType.QUEUED,
                TS,
                Channel.VOICE,
                Direction.INBOUND,
                "general",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        String text = new String(writer.write(queued), StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("null").doesNotContain("customer_id").doesNotContain("direction");
        assertThat(JSON.readTree(text).fieldNames())
                .toIterable()
                .containsExactly("event_id", "contact_id", "type", "ts", "channel", "queue");
    }

    @Test
    void ticketUsesLowerCaseEnumsExceptType() throws Exception {
        Ticket t = new Ticket(
                "e3",
                "t1",
                TicketType.REOPENED,
                TS,
                "cust-1",
                null,
                Channel.EMAIL,
                TicketCategory.SERVICE_REQUEST,
                null,
                "fiber-500",
                "logistics",
                Severity.CRITICAL,
                Instant.parse("2026-11-25T00:00:00Z"));

        JsonNode n = JSON.readTree(writer.write(t));

        assertThat(n.get("type").asText()).isEqualTo("REOPENED");
        assertThat(n.get("category").asText()).isEqualTo("service_request");
        assertThat(n.get("severity").asText()).isEqualTo("critical");
        assertThat(n.get("channel").asText()).isEqualTo("email");
        assertThat(n.get("due_at").asText()).isEqualTo("2026-11-25T00:00:00.000Z");
        assertThat(n.has("contact_id")).isFalse();
        assertThat(n.has("cause")).isFalse();
    }

    @Test
    void amountsAreWrittenAsExactPlainDecimals() {
        Order small = new Order("e4", "o1", "cust-1", OrderType.PURCHASE, TS, new BigDecimal("12.50"), "EUR");
        Order round = new Order("e5", "o2", "cust-1", OrderType.REFUND, TS, new BigDecimal("1E+3"), null);
        Order precise =
                new Order("e6", "o3", "cust-1", OrderType.PURCHASE, TS, new BigDecimal("12345678901234567.89"), null);

        assertThat(text(writer.write(small))).contains("\"amount\":12.50").contains("\"currency\":\"EUR\"");
        assertThat(text(writer.write(round))).contains("\"amount\":1000").doesNotContain("currency");
        assertThat(text(writer.write(precise))).contains("\"amount\":12345678901234567.89");
    }

    @Test
    void bufferReuseDoesNotLeakBetweenRecords() {
        Order longer = new Order("a-long-event-id", "o1", "cust-1", OrderType.PURCHASE, TS, BigDecimal.TEN, "EUR");
        Order shorter = new Order("e", "o", "c", OrderType.PURCHASE, TS, BigDecimal.ONE, null);

        writer.write(longer);

        assertThat(text(writer.write(shorter)))
                .isEqualTo("{\"event_id\":\"e\",\"order_id\":\"o\",\"customer_id\":\"c\",\"type\":\"PURCHASE\","
                        + "\"ts\":\"2026-11-24T09:15:02.123Z\",\"amount\":1}");
    }

    @Test
    void instantsKeepMillisecondsAndFallBackOutsideFourDigitYears() {
        assertThat(WireInstants.format(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000Z");
        assertThat(WireInstants.format(Instant.parse("1999-12-31T23:59:59.999999999Z")))
                .isEqualTo("1999-12-31T23:59:59.999Z");
        assertThat(WireInstants.format(Instant.parse("+12026-01-02T03:04:05.007Z")))
                .isEqualTo("+12026-01-02T03:04:05.007Z");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
