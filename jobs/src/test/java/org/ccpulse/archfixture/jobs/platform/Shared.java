package org.ccpulse.archfixture.jobs.platform;

/** Fixture for {@code org.ccpulse.jobs.ArchitectureTest}: a shared package. */
public final class Shared {}
