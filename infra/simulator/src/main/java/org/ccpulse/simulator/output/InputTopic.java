package org.ccpulse.simulator.output;

/** The three input topics of EVENTS.md, with their default names and the file each goes to. */
public enum InputTopic {
    CONTACT_EVENTS("contact-events"),
    TICKETS("tickets"),
    ORDERS("orders");

    private final String defaultName;

    InputTopic(String defaultName) {
        this.defaultName = defaultName;
    }

    public String defaultName() {
        return defaultName;
    }

    public String fileName() {
        return defaultName + ".ndjson";
    }
}
