package org.ccpulse.schemas.event;

/** Churn alert lifecycle on {@code churn-alerts}. */
public enum ChurnAlertStatus implements WireEnum {
    OPENED,
    ESCALATED,
    RESOLVED;

    private static final WireNames<ChurnAlertStatus> NAMES = new WireNames<>(ChurnAlertStatus.class);

    @Override
    public String wire() {
        return name();
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static ChurnAlertStatus fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
