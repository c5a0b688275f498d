package org.ccpulse.schemas.parse;

import static org.ccpulse.schemas.parse.ContactEventParser.Field.*;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Outcome;
import org.ccpulse.schemas.event.WireEnum;
import org.ccpulse.schemas.event.WireNames;

/** Reads {@code contact-events} values (EVENTS.md); stateless and thread-safe. */
public final class ContactEventParser implements RecordParser<ContactEvent> {

    enum Field implements WireEnum {
        EVENT_ID("event_id"), CONTACT_ID("contact_id"), TYPE("type"), TS("ts"), CHANNEL("channel"),
        DIRECTION("direction"), QUEUE("queue"), CUSTOMER_ID("customer_id"), QUEUED_AT("queued_at"),
        AGENT_ID("agent_id"), TEAM("team"), TALK_S("talk_s"), HOLD_S("hold_s"), WRAP_S("wrap_s"),
        REASON("reason"), OUTCOME("outcome"), PARENT_CONTACT_ID("parent_contact_id");

        private final String wire;

        Field(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }
    }

    private static final WireNames<Field> FIELDS = new WireNames<>(Field.class);

    private final Clock clock;
    private final int maxRecordBytes;

    public ContactEventParser() {
        this(Clock.systemUTC());
    }

    public ContactEventParser(Clock clock) {
        this(clock, RecordLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    public ContactEventParser(Clock clock, int maxRecordBytes) {
        this.clock = clock;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public ParseResult<ContactEvent> parse(byte[] value) {
        RecordReader<Field> in = RecordReader.open(value, FIELDS, clock, maxRecordBytes);
        Draft draft = new Draft();
        in.readFields(field -> draft.read(in, field));
        draft.checkRequired(in);
        return in.result(draft::toEvent);
    }

    /** The values read so far from one record. */
    private static final class Draft {
        String eventId;
        String contactId;
        ContactEventType type;
        Instant ts;
        Channel channel;
        Direction direction;
        String queue;
        String customerId;
        Instant queuedAt;
        String agentId;
        String team;
        Double talkS;
        Double holdS;
        Double wrapS;
        String reason;
        Outcome outcome;
        String parentContactId;

        void read(RecordReader<Field> in, Field field) throws IOException {
            switch (field) {
                case EVENT_ID -> eventId = in.text(field);
                case CONTACT_ID -> contactId = in.text(field);
                case TYPE -> type = in.wireEnum(field, ContactEventType.class, ContactEventType::fromWire);
                case TS -> ts = in.instant(field);
                case CHANNEL -> channel = in.wireEnum(field, Channel.class, Channel::fromWire);
                case DIRECTION -> direction = in.wireEnum(field, Direction.class, Direction::fromWire);
                case QUEUE -> queue = in.text(field);
                case CUSTOMER_ID -> customerId = in.text(field);
                case QUEUED_AT -> queuedAt = in.instant(field);
                case AGENT_ID -> agentId = in.text(field);
                case TEAM -> team = in.text(field);
                case TALK_S -> talkS = in.duration(field);
                case HOLD_S -> holdS = in.duration(field);
                case WRAP_S -> wrapS = in.duration(field);
                case REASON -> reason = in.text(field);
                case OUTCOME -> outcome = in.wireEnum(field, Outcome.class, Outcome::fromWire);
                case PARENT_CONTACT_ID -> parentContactId = in.text(field);
            }
        }

        void checkRequired(RecordReader<Field> in) {
            in.require(EVENT_ID, eventId, "always required");
            in.require(CONTACT_ID, contactId, "always required");
            in.require(TYPE, type, "always required");
            in.require(TS, ts, "always required");
            in.require(CHANNEL, channel, "always required");
            in.require(QUEUE, queue, "always required");
            if (type == null) {
                return;
            }
            String forType = "required when type is " + type.wire();
            if (type == ContactEventType.ANSWERED || type == ContactEventType.ABANDONED) {
                in.require(QUEUED_AT, queuedAt, forType);
            }
            if (type == ContactEventType.ANSWERED || type == ContactEventType.COMPLETED) {
                in.require(AGENT_ID, agentId, forType);
                in.require(TEAM, team, forType);
            }
            if (type == ContactEventType.COMPLETED) {
                in.require(TALK_S, talkS, forType);
                in.require(HOLD_S, holdS, forType);
                in.require(WRAP_S, wrapS, forType);
                in.require(OUTCOME, outcome, forType);
            }
        }

        ContactEvent toEvent() {
            return new ContactEvent(eventId, contactId, type, ts, channel,
                    direction == null ? Direction.INBOUND : direction, queue, customerId, queuedAt,
                    agentId, team, talkS, holdS, wrapS, reason, outcome, parentContactId);
        }
    }
}
