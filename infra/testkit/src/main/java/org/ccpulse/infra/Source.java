package org.ccpulse.infra;

/** Where a component comes from, in the order the switch tries them. */
public enum Source {
    /** An address given in the environment: something already running, started by someone else. */
    ENVIRONMENT,
    /** A Docker container started by Testcontainers from an image pinned in {@link ContainerImages}. */
    CONTAINER,
    /** An in-JVM server: needs neither Docker nor a network. */
    EMBEDDED
}
