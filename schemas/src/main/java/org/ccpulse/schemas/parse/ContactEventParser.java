package org.ccpulse.schemas.parse;

import static org.ccpulse.schemas.parse.ContactEventParser.Field.*;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Outcome;
import org.ccpulse.schemas.event.WireEnum;

/** Reads {@code contact-events} values (EVENTS.md); stateless and thread-safe. */
public final class ContactEventParser extends TopicParser<ContactEventParser.Field, ContactEvent> {

    /** The JSON name of a field is its constant's name in lower case. */
    enum Field implements WireEnum {
        EVENT_ID,
        CONTACT_ID,
        TYPE,
        TS,
        CHANNEL,
        DIRECTION,
        QUEUE,
        CUSTOMER_ID,
        QUEUED_AT,
        AGENT_ID,
        TEAM,
        TALK_S,
        HOLD_S,
        WRAP_S,
        REASON,
        OUTCOME,
        PARENT_CONTACT_ID;

        @Override
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ContactEventParser() {
        this(Clock.systemUTC());
    }

    public ContactEventParser(Clock clock) {
        this(clock, RecordLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    public ContactEventParser(Clock clock, int maxRecordBytes) {
        super(Field.class, clock, maxRecordBytes);
    }

    @Override
    Draft<Field, ContactEvent> newDraft() {
        return new Values();
    }

    /** The values read so far from one record. */
    private static final class Values implements Draft<Field, ContactEvent> {
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

        @Override
        public void read(RecordReader<Field> in, Field field) throws IOException {
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

        @Override
        public void checkRequired(RecordReader<Field> in) {
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
                if (queuedAt != null && ts != null && queuedAt.isAfter(ts)) {
                    // wait = ts - queued_at is a duration like talk_s: below zero it is a bad record
                    in.negativeDuration(
                            QUEUED_AT,
                            "wait = ts - queued_at is negative: queued_at " + queuedAt + " is after ts " + ts);
                }
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

        @Override
        public ContactEvent toEvent() {
            return new ContactEvent(
                    eventId,
                    contactId,
                    type,
                    ts,
                    channel,
                    direction == null ? Direction.INBOUND : direction,
                    queue,
                    customerId,
                    queuedAt,
                    agentId,
                    team,
                    talkS,
                    holdS,
                    wrapS,
                    reason,
                    outcome,
                    parentContactId);
        }
    }
}
