package org.ccpulse.infra;

/**
 * A component in use: its address, and how to stop it (nothing, for one given in the environment).
 */
record Running<E>(E endpoint, AutoCloseable stopper) {

    static <E> Running<E> given(E endpoint) {
        return new Running<>(endpoint, () -> {});
    }
}
