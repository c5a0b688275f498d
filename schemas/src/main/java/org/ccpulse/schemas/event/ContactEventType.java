package org.ccpulse.schemas.event;

/** State change of a contact on {@code contact-events}. */
public enum ContactEventType implements WireEnum {
    QUEUED,
    ANSWERED,
    ABANDONED,
    COMPLETED;

    private static final WireNames<ContactEventType> NAMES = new WireNames<>(ContactEventType.class);

    @Override
    public String wire() {
        return name();
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static ContactEventType fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
