package org.ccpulse.schemas.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
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

    // Field names, encoded once.
    private static final SerializedString AGENT_ID = new SerializedString("agent_id");
    private static final SerializedString AMOUNT = new SerializedString("amount");
    private static final SerializedString CATEGORY = new SerializedString("category");
    private static final SerializedString CAUSE = new SerializedString("cause");
    private static final SerializedString CHANNEL = new SerializedString("channel");
    private static final SerializedString CONTACT_ID = new SerializedString("contact_id");
    private static final SerializedString CURRENCY = new SerializedString("currency");
    private static final SerializedString CUSTOMER_ID = new SerializedString("customer_id");
    private static final SerializedString DEPARTMENT = new SerializedString("department");
    private static final SerializedString DIRECTION = new SerializedString("direction");
    private static final SerializedString DUE_AT = new SerializedString("due_at");
    private static final SerializedString EVENT_ID = new SerializedString("event_id");
    private static final SerializedString HOLD_S = new SerializedString("hold_s");
    private static final SerializedString ORDER_ID = new SerializedString("order_id");
    private static final SerializedString OUTCOME = new SerializedString("outcome");
    private static final SerializedString PARENT_CONTACT_ID = new SerializedString("parent_contact_id");
    private static final SerializedString PRODUCT = new SerializedString("product");
    private static final SerializedString QUEUE = new SerializedString("queue");
    private static final SerializedString QUEUED_AT = new SerializedString("queued_at");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString SEVERITY = new SerializedString("severity");
    private static final SerializedString TALK_S = new SerializedString("talk_s");
    private static final SerializedString TEAM = new SerializedString("team");
    private static final SerializedString TICKET_ID = new SerializedString("ticket_id");
    private static final SerializedString TS = new SerializedString("ts");
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString WRAP_S = new SerializedString("wrap_s");

    /** Wire spellings of every enum constant, pre-encoded, by enum class and ordinal. */
    private static final ClassValue<SerializedString[]> ENUM_WIRE = new ClassValue<>() {
        @Override
        protected SerializedString[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            SerializedString[] wire = new SerializedString[constants.length];
            for (int i = 0; i < constants.length; i++) {
                wire[i] = new SerializedString(((WireEnum) constants[i]).wire());
            }
            return wire;
        }
    };

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(512);
    private final char[] instantChars = new char[40];

    public byte[] write(ContactEvent e) {
        try (Output out = begin()) {
            JsonGenerator g = out.gen;
            stringField(g, EVENT_ID, e.eventId());
            stringField(g, CONTACT_ID, e.contactId());
            enumField(g, TYPE, e.type());
            instantField(g, TS, e.ts());
            enumField(g, CHANNEL, e.channel());
            // direction defaults to inbound on the wire, so only outbound needs saying.
            if (e.direction() == Direction.OUTBOUND) {
                enumField(g, DIRECTION, e.direction());
            }
            stringField(g, QUEUE, e.queue());
            stringField(g, CUSTOMER_ID, e.customerId());
            instantField(g, QUEUED_AT, e.queuedAt());
            stringField(g, AGENT_ID, e.agentId());
            stringField(g, TEAM, e.team());
            numberField(g, TALK_S, e.talkS());
            numberField(g, HOLD_S, e.holdS());
            numberField(g, WRAP_S, e.wrapS());
            stringField(g, REASON, e.reason());
            enumField(g, OUTCOME, e.outcome());
            stringField(g, PARENT_CONTACT_ID, e.parentContactId());
            return out.finish();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public byte[] write(Ticket t) {
        try (Output out = begin()) {
            JsonGenerator g = out.gen;
            stringField(g, EVENT_ID, t.eventId());
            stringField(g, TICKET_ID, t.ticketId());
            enumField(g, TYPE, t.type());
            instantField(g, TS, t.ts());
            stringField(g, CUSTOMER_ID, t.customerId());
            stringField(g, CONTACT_ID, t.contactId());
            enumField(g, CHANNEL, t.channel());
            enumField(g, CATEGORY, t.category());
            stringField(g, CAUSE, t.cause());
            stringField(g, PRODUCT, t.product());
            stringField(g, DEPARTMENT, t.department());
            enumField(g, SEVERITY, t.severity());
            instantField(g, DUE_AT, t.dueAt());
            return out.finish();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public byte[] write(Order o) {
        try (Output out = begin()) {
            JsonGenerator g = out.gen;
            stringField(g, EVENT_ID, o.eventId());
            stringField(g, ORDER_ID, o.orderId());
            stringField(g, CUSTOMER_ID, o.customerId());
            enumField(g, TYPE, o.type());
            instantField(g, TS, o.ts());
            if (o.amount() != null) {
                g.writeFieldName(AMOUNT);
                g.writeNumber(o.amount());
            }
            stringField(g, CURRENCY, o.currency());
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

    private static void stringField(JsonGenerator g, SerializedString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    private static <E extends Enum<E> & WireEnum> void enumField(JsonGenerator g, SerializedString name, E value)
            throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(ENUM_WIRE.get(value.getDeclaringClass())[value.ordinal()]);
        }
    }

    private static void numberField(JsonGenerator g, SerializedString name, Double value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeNumber(value.doubleValue());
        }
    }

    private void instantField(JsonGenerator g, SerializedString name, Instant value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(instantChars, 0, WireInstants.format(value, instantChars));
        }
    }
}
