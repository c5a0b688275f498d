package org.ccpulse.schemas.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.WireEnum;

/**
 * Writes the three input event types as UTF-8 JSON in the wire format of EVENTS.md:
 * snake_case names, enum wire spellings, instants in UTC with milliseconds, decimals in plain
 * notation, and absent optional fields left out (never written as {@code null}).
 *
 * <p>An instance reuses its output buffer, so it is not thread-safe: use one per thread.
 */
public final class WireWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private final char[] instantChars = new char[40];

    public byte[] write(ContactEvent e) {
        try (Output out = begin()) {
            JsonGenerator g = out.gen;
            g.writeStringField("event_id", e.eventId());
            g.writeStringField("contact_id", e.contactId());
            enumField(g, "type", e.type());
            instantField(g, "ts", e.ts());
            enumField(g, "channel", e.channel());
            // direction defaults to inbound on the wire, so only outbound needs saying.
            if (e.direction() == Direction.OUTBOUND) {
                enumField(g, "direction", e.direction());
            }
            stringField(g, "queue", e.queue());
            stringField(g, "customer_id", e.customerId());
            instantField(g, "queued_at", e.queuedAt());
            stringField(g, "agent_id", e.agentId());
            stringField(g, "team", e.team());
            numberField(g, "talk_s", e.talkS());
            numberField(g, "hold_s", e.holdS());
            numberField(g, "wrap_s", e.wrapS());
            stringField(g, "reason", e.reason());
            enumField(g, "outcome", e.outcome());
            stringField(g, "parent_contact_id", e.parentContactId());
            return out.finish();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public byte[] write(Ticket t) {
        try (Output out = begin()) {
            JsonGenerator g = out.gen;
            g.writeStringField("event_id", t.eventId());
            g.writeStringField("ticket_id", t.ticketId());
            enumField(g, "type", t.type());
            instantField(g, "ts", t.ts());
            stringField(g, "customer_id", t.customerId());
            stringField(g, "contact_id", t.contactId());
            enumField(g, "channel", t.channel());
            enumField(g, "category", t.category());
            stringField(g, "cause", t.cause());
            stringField(g, "product", t.product());
            stringField(g, "department", t.department());
            enumField(g, "severity", t.severity());
            instantField(g, "due_at", t.dueAt());
            return out.finish();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public byte[] write(Order o) {
        try (Output out = begin()) {
            JsonGenerator g = out.gen;
            g.writeStringField("event_id", o.eventId());
            g.writeStringField("order_id", o.orderId());
            stringField(g, "customer_id", o.customerId());
            enumField(g, "type", o.type());
            instantField(g, "ts", o.ts());
            if (o.amount() != null) {
                g.writeFieldName("amount");
                g.writeNumber(o.amount());
            }
            stringField(g, "currency", o.currency());
            return out.finish();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private Output begin() throws IOException {
        buffer.reset();
        JsonGenerator gen = FACTORY.createGenerator(buffer);
        gen.writeStartObject();
        return new Output(gen);
    }

    private final class Output implements AutoCloseable {
        final JsonGenerator gen;

        Output(JsonGenerator gen) {
            this.gen = gen;
        }

        byte[] finish() throws IOException {
            gen.writeEndObject();
            gen.flush();
            return buffer.toByteArray();
        }

        @Override
        public void close() throws IOException {
            gen.close();
        }
    }

    private static void stringField(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void enumField(JsonGenerator g, String name, WireEnum value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value.wire());
        }
    }

    private static void numberField(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.doubleValue());
        }
    }

    private void instantField(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(instantChars, 0, WireInstants.format(value, instantChars));
        }
    }
}
