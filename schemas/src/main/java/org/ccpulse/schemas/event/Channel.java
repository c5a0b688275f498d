package org.ccpulse.schemas.event;

/** The medium of a contact. */
public enum Channel implements WireEnum {
    VOICE,
    CALLBACK,
    CHAT,
    EMAIL,
    SOCIAL,
    SMS,
    VIDEO;

    private static final WireNames<Channel> NAMES = new WireNames<>(Channel.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static Channel fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
