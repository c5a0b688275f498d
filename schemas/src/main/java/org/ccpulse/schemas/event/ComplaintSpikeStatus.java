package org.ccpulse.schemas.event;

/** The two ends of a complaint spike on {@code complaint-spikes}. */
public enum ComplaintSpikeStatus implements WireEnum {
    OPENED,
    CLOSED;

    private static final WireNames<ComplaintSpikeStatus> NAMES = new WireNames<>(ComplaintSpikeStatus.class);

    @Override
    public String wire() {
        return name();
    }

    /** The constant for a wire spelling, or null when it is not one. */
    public static ComplaintSpikeStatus fromWire(String wire) {
        return NAMES.lookup(wire);
    }
}
