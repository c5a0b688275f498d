package org.ccpulse.schemas.event;

/** Customer value tier by trailing-365-day monetary value. */
public enum Tier implements WireEnum {
    TOP,
    HIGH,
    MID,
    LOW;

    private static final WireNames<Tier> NAMES = new WireNames<>(Tier.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static Tier fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
