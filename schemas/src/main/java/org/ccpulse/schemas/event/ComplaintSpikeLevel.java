package org.ccpulse.schemas.event;

/** What a complaint spike counts: one cause ({@code company.billing}) or a cause group ({@code company}). */
public enum ComplaintSpikeLevel implements WireEnum {
    CAUSE,
    CAUSE_GROUP;

    private static final WireNames<ComplaintSpikeLevel> NAMES = new WireNames<>(ComplaintSpikeLevel.class);

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static ComplaintSpikeLevel fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
