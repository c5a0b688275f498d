package org.ccpulse.schemas.event;

/** What kind of case a ticket is. */
public enum TicketCategory implements WireEnum {
    INQUIRY,
    SERVICE_REQUEST,
    COMPLAINT,
    SALES;

    private static final WireNames<TicketCategory> NAMES = new WireNames<>(TicketCategory.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static TicketCategory fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
