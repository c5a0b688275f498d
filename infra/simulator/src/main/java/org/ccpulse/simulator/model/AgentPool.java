package org.ccpulse.simulator.model;

import java.util.ArrayDeque;

/**
 * The agents and waiting contacts of one queue. Idle agents are taken longest-idle first;
 * realtime contacts (voice, chat, ...) are served before deferred work (e-mail, social, SMS,
 * outbound), each in arrival order. Abandoned contacts and agents whose shift ended are
 * dropped lazily when they reach the head of their line.
 */
final class AgentPool {
    private final ArrayDeque<Agent> idle = new ArrayDeque<>();
    private final ArrayDeque<Contact> realtime = new ArrayDeque<>();
    private final ArrayDeque<Contact> deferred = new ArrayDeque<>();

    /** An idle agent still on shift, now marked busy; null if none. */
    Agent takeIdle(long now) {
        Agent a;
        while ((a = idle.pollFirst()) != null) {
            if (a.onShift(now)) {
                a.state = Agent.State.BUSY;
                return a;
            }
            a.state = Agent.State.OFF;
        }
        return null;
    }

    void makeIdle(Agent a) {
        a.state = Agent.State.IDLE;
        idle.addLast(a);
    }

    void enqueue(Contact c, boolean realtimeWork) {
        (realtimeWork ? realtime : deferred).addLast(c);
    }

    /** The next contact still waiting, or null. */
    Contact nextWaiting() {
        Contact c = firstWaiting(realtime);
        return c != null ? c : firstWaiting(deferred);
    }

    /** Takes every contact still waiting out of the lines, realtime first, each in arrival order. */
    void drainWaiting(java.util.function.Consumer<Contact> action) {
        Contact c;
        while ((c = nextWaiting()) != null) {
            action.accept(c);
        }
    }

    private static Contact firstWaiting(ArrayDeque<Contact> line) {
        Contact c;
        while ((c = line.pollFirst()) != null) {
            if (c.state == Contact.State.WAITING) {
                return c;
            }
        }
        return null;
    }
}
