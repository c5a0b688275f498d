package org.ccpulse.schemas.event;

import java.util.HashMap;
import java.util.Map;

/** Looks up an enum constant by its wire spelling; one instance per enum, built once. */
public final class WireNames<E extends Enum<E> & WireEnum> {
    private final Map<String, E> byWire = new HashMap<>();

    public WireNames(Class<E> type) {
        for (E e : type.getEnumConstants()) {
            byWire.put(e.wire(), e);
        }
    }

    /** The constant spelled {@code wire}, or null when the spelling is not part of the contract. */
    public E lookup(String wire) {
        return byWire.get(wire);
    }
}
