package org.ccpulse.schemas.parse;

import static org.ccpulse.schemas.parse.OrderParser.Field.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.ccpulse.schemas.event.Order;
import org.ccpulse.schemas.event.OrderType;
import org.ccpulse.schemas.event.WireEnum;

/**
 * Reads {@code orders} values (EVENTS.md); stateless and thread-safe. {@code amount} must be
 * a JSON number (a numeric string is {@link Problem#WRONG_TYPE}) and is kept exactly as written.
 */
public final class OrderParser extends TopicParser<OrderParser.Field, Order> {

    /** The JSON name of a field is its constant's name in lower case. */
    enum Field implements WireEnum {
        EVENT_ID,
        ORDER_ID,
        CUSTOMER_ID,
        TYPE,
        TS,
        AMOUNT,
        CURRENCY;

        @Override
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OrderParser() {
        this(Clock.systemUTC());
    }

    public OrderParser(Clock clock) {
        this(clock, RecordLimits.DEFAULT_MAX_RECORD_BYTES);
    }

    public OrderParser(Clock clock, int maxRecordBytes) {
        super(Field.class, clock, maxRecordBytes);
    }

    @Override
    Draft<Field, Order> newDraft() {
        return new Values();
    }

    /** An ISO 4217 alphabetic code's shape: three upper-case ASCII letters (the list itself is not checked). */
    static boolean isCurrencyCode(String code) {
        return code.length() == 3 && code.chars().allMatch(c -> c >= 'A' && c <= 'Z');
    }

    /** The values read so far from one record. */
    private static final class Values implements Draft<Field, Order> {
        String eventId;
        String orderId;
        String customerId;
        OrderType type;
        Instant ts;
        BigDecimal amount;
        String currency;

        @Override
        public void read(RecordReader<Field> in, Field field) throws IOException {
            switch (field) {
                case EVENT_ID -> eventId = in.text(field);
                case ORDER_ID -> orderId = in.text(field);
                case CUSTOMER_ID -> customerId = in.text(field);
                case TYPE -> type = in.wireEnum(field, OrderType.class, OrderType::fromWire);
                case TS -> ts = in.instant(field);
                case AMOUNT -> amount = in.positiveDecimal(field);
                case CURRENCY -> {
                    currency = in.text(field);
                    if (currency != null && !isCurrencyCode(currency)) {
                        in.invalid(field, RecordReader.quote(currency) + " is not three upper-case letters");
                    }
                }
            }
        }

        @Override
        public void checkRequired(RecordReader<Field> in) {
            in.require(EVENT_ID, eventId, "always required");
            in.require(ORDER_ID, orderId, "always required");
            in.require(CUSTOMER_ID, customerId, "always required");
            in.require(TYPE, type, "always required");
            in.require(TS, ts, "always required");
            in.require(AMOUNT, amount, "always required");
        }

        @Override
        public Order toEvent() {
            return new Order(eventId, orderId, customerId, type, ts, amount, currency);
        }
    }
}
