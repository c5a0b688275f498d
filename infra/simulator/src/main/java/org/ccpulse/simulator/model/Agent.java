package org.ccpulse.simulator.model;

/** An agent: fixed identity and team; shift end and state change through the day. */
final class Agent {
    enum State {
        OFF,
        IDLE,
        BUSY
    }

    final String id;
    final String team;
    final QueueSpec queue;
    long shiftEnd;
    State state = State.OFF;

    Agent(String id, String team, QueueSpec queue) {
        this.id = id;
        this.team = team;
        this.queue = queue;
    }

    boolean onShift(long now) {
        return now < shiftEnd;
    }
}
