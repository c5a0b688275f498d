package org.ccpulse.schemas.parse;

import static org.ccpulse.schemas.parse.TicketParser.Field.*;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.ccpulse.schemas.event.CauseGroup;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.Severity;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;
import org.ccpulse.schemas.event.WireEnum;

/** Reads {@code tickets} values (EVENTS.md); stateless and thread-safe. */
public final class TicketParser extends TopicParser<TicketParser.Field, Ticket> {

    /** The JSON name of a field is its constant's name in lower case. */
    enum Field implements WireEnum {
        EVENT_ID,
        TICKET_ID,
        TYPE,
        TS,
        CUSTOMER_ID,
        CONTACT_ID,
        CHANNEL,
        CATEGORY,
        CAUSE,
        PRODUCT,
        DEPARTMENT,
        SEVERITY,
        DUE_AT;

        @Override
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TicketParser() {
        this(Clock.systemUTC());
    }

    public TicketParser(Clock clock) {
        this(clock, RecordLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    public TicketParser(Clock clock, int maxRecordBytes) {
        super(Field.class, clock, maxRecordBytes);
    }

    @Override
    Draft<Field, Ticket> newDraft() {
        return new Values();
    }

    /**
     * A complaint cause code: a cause group ({@code agent}, {@code company}, {@code customer}),
     * then one or more non-empty dot-separated segments, e.g. {@code company.billing}.
     */
    static boolean isCauseCode(String cause) {
        int dot = cause.indexOf('.');
        return dot > 0
                && CauseGroup.fromWire(cause.substring(0, dot)) != null
                && !cause.endsWith(".")
                && !cause.contains("..");
    }

    /** The values read so far from one record. */
    private static final class Values implements Draft<Field, Ticket> {
        String eventId;
        String ticketId;
        TicketType type;
        Instant ts;
        String customerId;
        String contactId;
        Channel channel;
        TicketCategory category;
        String cause;
        String product;
        String department;
        Severity severity;
        Instant dueAt;

        @Override
        public void read(RecordReader<Field> in, Field field) throws IOException {
            switch (field) {
                case EVENT_ID -> eventId = in.text(field);
                case TICKET_ID -> ticketId = in.text(field);
                case TYPE -> type = in.wireEnum(field, TicketType.class, TicketType::fromWire);
                case TS -> ts = in.instant(field);
                case CUSTOMER_ID -> customerId = in.text(field);
                case CONTACT_ID -> contactId = in.text(field);
                case CHANNEL -> channel = in.wireEnum(field, Channel.class, Channel::fromWire);
                case CATEGORY -> category = in.wireEnum(field, TicketCategory.class, TicketCategory::fromWire);
                case CAUSE -> {
                    cause = in.text(field);
                    if (cause != null && !isCauseCode(cause)) {
                        in.invalid(
                                field,
                                RecordReader.quote(cause)
                                        + " is not <agent|company|customer>.<segment>[.<segment>...]");
                    }
                }
                case PRODUCT -> product = in.text(field);
                case DEPARTMENT -> department = in.text(field);
                case SEVERITY -> severity = in.wireEnum(field, Severity.class, Severity::fromWire);
                case DUE_AT -> dueAt = in.deadline(field);
            }
        }

        @Override
        public void checkRequired(RecordReader<Field> in) {
            in.require(EVENT_ID, eventId, "always required");
            in.require(TICKET_ID, ticketId, "always required");
            in.require(TYPE, type, "always required");
            in.require(TS, ts, "always required");
            in.require(CUSTOMER_ID, customerId, "always required");
            in.require(CATEGORY, category, "always required");
            if (category == TicketCategory.COMPLAINT) {
                in.require(CAUSE, cause, "required when category is complaint");
            }
        }

        @Override
        public Ticket toEvent() {
            return new Ticket(
                    eventId,
                    ticketId,
                    type,
                    ts,
                    customerId,
                    contactId,
                    channel,
                    category,
                    cause,
                    product,
                    department,
                    severity == null ? Severity.MEDIUM : severity,
                    dueAt);
        }
    }
}
