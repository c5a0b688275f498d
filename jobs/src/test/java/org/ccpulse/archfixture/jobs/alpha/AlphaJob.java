package org.ccpulse.archfixture.jobs.alpha;

import org.ccpulse.archfixture.jobs.beta.BetaJob;

/** Fixture for {@code org.ccpulse.jobs.ArchitectureTest}: a job that wrongly uses another job. */
public final class AlphaJob {
    public BetaJob borrowed() {
        return new BetaJob();
    }
}
