package org.ccpulse.schemas.event;

/** Why a churn alert was escalated: what the customer did within the last 30 days (METRICS.md). */
public enum EscalationReason implements WireEnum {
    COMPLAINT,
    REPEAT_CONTACT,
    OPEN_TICKET;

    private static final WireNames<EscalationReason> NAMES = new WireNames<>(EscalationReason.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static EscalationReason fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
