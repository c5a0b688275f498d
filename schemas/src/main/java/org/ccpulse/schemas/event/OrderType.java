package org.ccpulse.schemas.event;

/** Order event on {@code orders}: a refund lowers monetary value, not frequency. */
public enum OrderType implements WireEnum {
    PURCHASE,
    REFUND;

    private static final WireNames<OrderType> NAMES = new WireNames<>(OrderType.class);

    @Override
    public String wire() {
        return name();
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static OrderType fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
