package org.ccpulse.schemas.event;

/** Ticket severity; {@code medium} when absent. */
public enum Severity implements WireEnum {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    private static final WireNames<Severity> NAMES = new WireNames<>(Severity.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static Severity fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
