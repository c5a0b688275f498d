package org.ccpulse.schemas.event;

/** First segment of a complaint cause: who caused it. */
public enum CauseGroup implements WireEnum {
    AGENT,
    COMPANY,
    CUSTOMER;

    private static final WireNames<CauseGroup> NAMES = new WireNames<>(CauseGroup.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static CauseGroup fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
