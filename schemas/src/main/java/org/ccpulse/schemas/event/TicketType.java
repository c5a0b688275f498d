package org.ccpulse.schemas.event;

/** Lifecycle event of a ticket on {@code tickets}. */
public enum TicketType implements WireEnum {
    OPENED,
    UPDATED,
    RESOLVED,
    REOPENED,
    CLOSED;

    private static final WireNames<TicketType> NAMES = new WireNames<>(TicketType.class);

    @Override
    public String wire() {
        return name();
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static TicketType fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
