package org.ccpulse.schemas.event;

/** The agent's disposition of a completed contact. */
public enum Outcome implements WireEnum {
    RESOLVED,
    UNRESOLVED,
    TRANSFERRED,
    ESCALATED,
    CALLBACK_SCHEDULED;

    private static final WireNames<Outcome> NAMES = new WireNames<>(Outcome.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static Outcome fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
