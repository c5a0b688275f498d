package org.ccpulse.infra;

import java.util.Optional;

/**
 * The switch's decision for one component: where it comes from, and why (a sentence for the log).
 *
 * @param givenEndpoint the address from the environment; present exactly when the source is {@link Source#ENVIRONMENT}
 */
public record Choice<E>(Source source, Optional<E> givenEndpoint, String reason) {

    public Choice {
        if ((source == Source.ENVIRONMENT) != givenEndpoint.isPresent()) {
            throw new IllegalArgumentException("an endpoint is given exactly when the source is ENVIRONMENT");
        }
    }

    static <E> Choice<E> given(E endpoint, String reason) {
        return new Choice<>(Source.ENVIRONMENT, Optional.of(endpoint), reason);
    }

    static <E> Choice<E> start(Source source, String reason) {
        return new Choice<>(source, Optional.empty(), reason);
    }
}
