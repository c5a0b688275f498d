package org.ccpulse.jobs.platform;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.ccpulse.jobs.intake.Intake;
import org.ccpulse.jobs.intake.IntakeRouter;
import org.ccpulse.jobs.intake.ParserFactory;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.parse.ContactEventParser;
import org.ccpulse.schemas.parse.OrderParser;
import org.ccpulse.schemas.parse.TicketParser;

/**
 * One of the three input topics (schemas/EVENTS.md): its default name, its parser, the type of its
 * events and their event time. Jobs name the topics they read by these constants.
 */
public final class Topic<T> implements Serializable {

    public static final Topic<ContactEvent> CONTACT_EVENTS = new Topic<>(
            "contact-events",
            ContactEventParser::new,
            ContactEvent::eventId,
            ContactEvent::ts,
            ContactEvent.class,
            TypeInformation.of(new TypeHint<Intake<ContactEvent>>() {}));
    public static final Topic<Ticket> TICKETS = new Topic<>(
            "tickets",
            TicketParser::new,
            Ticket::eventId,
            Ticket::ts,
            Ticket.class,
            TypeInformation.of(new TypeHint<Intake<Ticket>>() {}));
    public static final Topic<Order> ORDERS = new Topic<>(
            "orders",
            OrderParser::new,
            Order::eventId,
            Order::ts,
            Order.class,
            TypeInformation.of(new TypeHint<Intake<Order>>() {}));

    public static final List<Topic<?>> ALL = List.of(CONTACT_EVENTS, TICKETS, ORDERS);

    private final String name;
    private final ParserFactory<T> parsers;
    private final KeySelector<T, String> eventId;
    private final IntakeRouter.EventTime<T> eventTime;
    private final Class<T> eventType;
    private final TypeInformation<Intake<T>> intakeType;

    private Topic(
            String name,
            ParserFactory<T> parsers,
            KeySelector<T, String> eventId,
            IntakeRouter.EventTime<T> eventTime,
            Class<T> eventType,
            TypeInformation<Intake<T>> intakeType) {
        this.name = name;
        this.parsers = parsers;
        this.eventId = eventId;
        this.eventTime = eventTime;
        this.eventType = eventType;
        this.intakeType = intakeType;
    }

    /** The topic by its name in EVENTS.md, e.g. {@code contact-events}. */
    public static Topic<?> named(String name) {
        for (Topic<?> topic : ALL) {
            if (topic.name.equals(name)) {
                return topic;
            }
        }
        throw new IllegalArgumentException(
                "unknown topic '" + name + "'; the topics are contact-events, tickets, orders");
    }

    /** The name in EVENTS.md, which is also the Kafka topic's name unless a run renames it. */
    public String name() {
        return name;
    }

    public ParserFactory<T> parsers() {
        return parsers;
    }

    /** The event's {@code event_id}, by which redeliveries are told apart. */
    public KeySelector<T, String> eventId() {
        return eventId;
    }

    public IntakeRouter.EventTime<T> eventTime() {
        return eventTime;
    }

    public TypeInformation<T> eventType() {
        return TypeInformation.of(eventType);
    }

    public TypeInformation<Intake<T>> intakeType() {
        return intakeType;
    }

    @Override
    public String toString() {
        return name;
    }
}
