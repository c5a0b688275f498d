package org.ccpulse.schemas.event;

/** Inbound contacts count in service level and FCR; outbound never do. */
public enum Direction implements WireEnum {
    INBOUND,
    OUTBOUND;

    private static final WireNames<Direction> NAMES = new WireNames<>(Direction.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static Direction fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
