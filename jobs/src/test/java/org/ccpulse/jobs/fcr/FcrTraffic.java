package org.ccpulse.jobs.fcr;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.ccpulse.jobs.testing.JobRuns;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.ContactEvent;

/**
 * The FCR ITs' traffic: five simulated weeks of the smallest center (5 agents, 5,000 customers; about
 * 30,700 contact-event records with the simulator's default mess: out-of-order, late, redelivered and
 * bad records), so 30-day windows settle too; from 5 October 2026, across the end of daylight-saving
 * time in Berlin (25 October).
 */
final class FcrTraffic {

    static final int AGENTS = 5;
    static final int DAYS = 35;
    static final String START = "2026-10-05";

    /** The ITs' deployment ({@link JobRuns#DEPLOYMENT}): Europe/Berlin, 7 h lateness, windows 24h, 72h, 7d, 30d, 7d_same_issue. */
    static final FcrConfig CONFIG = FcrConfig.from(JobRuns.DEPLOYMENT);

    private FcrTraffic() {}

    static SimulatedTraffic simulate(Path dir) {
        return SimulatedTraffic.simulate(dir, AGENTS, DAYS, START, 11);
    }

    /** How many accepted records repeat an event_id already seen (redeliveries the intake must drop). */
    static long redeliveries(SimulatedTraffic traffic) {
        Set<String> seen = new HashSet<>();
        long again = 0;
        for (ContactEvent e : traffic.acceptedEvents()) {
            if (!seen.add(e.eventId())) {
                again++;
            }
        }
        return again;
    }
}
