package org.ccpulse.schemas.event;

/** An enum with a fixed spelling on the wire (EVENTS.md: lower-case, except {@code type}). */
public interface WireEnum {
    String wire();
}
