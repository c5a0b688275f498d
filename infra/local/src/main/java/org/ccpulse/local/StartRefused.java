package org.ccpulse.local;

/**
 * The local run will not start, for a reason the user can act on (the data directory is in use, a port is
 * taken), found before anything was started or changed. Its message is one line, meant for the terminal.
 */
public final class StartRefused extends Exception {

    public StartRefused(String message) {
        super(message);
    }
}
