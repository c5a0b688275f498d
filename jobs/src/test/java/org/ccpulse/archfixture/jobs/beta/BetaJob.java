package org.ccpulse.archfixture.jobs.beta;

import org.ccpulse.archfixture.jobs.platform.Shared;

/** Fixture for {@code org.ccpulse.jobs.ArchitectureTest}: a job that uses only the shared package. */
public final class BetaJob {
    public Shared shared() {
        return new Shared();
    }
}
