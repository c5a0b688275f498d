package org.ccpulse.infra;

/**
 * One {@link Components} per JVM, from the process environment, stopped when the JVM exits: every test
 * class of a test run shares the same broker instead of starting its own.
 */
public final class SharedComponents {

    private static Components instance;

    private SharedComponents() {}

    public static synchronized Components get() {
        if (instance == null) {
            Components components = Components.fromSystemEnvironment();
            Runtime.getRuntime().addShutdownHook(new Thread(components::close, "ccpulse-components-shutdown"));
            instance = components;
        }
        return instance;
    }
}
