package org.ccpulse.simulator.model;

import java.util.random.RandomGenerator;
import org.ccpulse.schemas.event.Outcome;

/**
 * How a known customer comes back after an inbound contact: whether (by the agent's outcome),
 * when (minutes to weeks), on which channel and queue, and about what (the same issue or a new
 * one). This is what first-contact resolution measures, so every parameter is named here and
 * listed in the simulator README.
 *
 * <p>The decision is taken when the contact's last leg completes: a transferred leg hands the
 * customer over to the next leg, and the outcome of the leg that ends the contact counts. A
 * contact that went through a transfer brings the customer back with at least
 * {@value #AFTER_TRANSFERRED}, whatever the last leg's outcome: counted by the first leg's outcome
 * ({@code transferred}, the one first-contact resolution looks at), that is about 30 %.
 */
final class ReturnBehaviour {
    /** Probability of coming back, by the outcome of the contact's last leg. */
    static final double AFTER_RESOLVED = 0.06;

    static final double AFTER_UNRESOLVED = 0.55;
    static final double AFTER_ESCALATED = 0.40;
    static final double AFTER_CALLBACK_SCHEDULED = 0.20;
    /**
     * Floor for a contact that went through a transfer: with the outcomes of the next leg this makes
     * about 30 % after a first leg {@code transferred}.
     */
    static final double AFTER_TRANSFERRED = 0.25;

    /** Delay, a mixture: "calls right back" (log-uniform between these bounds, at any hour). */
    static final double RIGHT_AWAY_SHARE = 0.15;

    static final double RIGHT_AWAY_MIN_MINUTES = 2;
    static final double RIGHT_AWAY_MAX_MINUTES = 60;
    /** Delay: hours to days, log-normal around this median, clamped to [1 h, 7 d]. */
    static final double DAYS_SHARE = 0.65;

    static final double DAYS_MEDIAN_H = 20;
    static final double DAYS_SIGMA = 1.0;
    /** Delay: the rest, weeks later, log-uniform between these bounds. */
    static final double WEEKS_MIN_DAYS = 7;

    static final double WEEKS_MAX_DAYS = 28;

    /** Share of returns on another channel than the contact (e.g. chat after voice). */
    static final double OTHER_CHANNEL = 0.25;
    /** Share of returns about the same issue: a reason with the same first segment. */
    static final double SAME_ISSUE = 0.85;
    /** Of the same-issue returns, the share routed to another queue (e.g. general instead of billing). */
    static final double OTHER_QUEUE_SAME_ISSUE = 0.10;

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private ReturnBehaviour() {}

    /** Probability that the customer comes back after a contact whose last leg ended so. */
    static double probability(Outcome lastLegOutcome, boolean wentThroughTransfer) {
        double p = switch (lastLegOutcome) {
            case RESOLVED -> AFTER_RESOLVED;
            case UNRESOLVED -> AFTER_UNRESOLVED;
            case ESCALATED -> AFTER_ESCALATED;
            case CALLBACK_SCHEDULED -> AFTER_CALLBACK_SCHEDULED;
            case TRANSFERRED -> AFTER_TRANSFERRED;
        };
        return wentThroughTransfer ? Math.max(p, AFTER_TRANSFERRED) : p;
    }

    /** The delay components; the caller redraws within a component to land at a likely hour. */
    enum Delay {
        RIGHT_AWAY,
        DAYS,
        WEEKS;

        static Delay pick(RandomGenerator rng) {
            double u = rng.nextDouble();
            return u < RIGHT_AWAY_SHARE ? RIGHT_AWAY : u < RIGHT_AWAY_SHARE + DAYS_SHARE ? DAYS : WEEKS;
        }

        /** Whether the return follows the day's curve (customers calling right back do so at any hour). */
        boolean followsTheDay() {
            return this != RIGHT_AWAY;
        }

        long drawMs(RandomGenerator rng) {
            return switch (this) {
                case RIGHT_AWAY ->
                    (long) (Draw.logUniform(rng, RIGHT_AWAY_MIN_MINUTES, RIGHT_AWAY_MAX_MINUTES) * MINUTE);
                case DAYS ->
                    Math.max(HOUR, Math.min(7 * DAY, (long) (Draw.logNormal(rng, DAYS_MEDIAN_H, DAYS_SIGMA) * HOUR)));
                case WEEKS -> (long) (Draw.logUniform(rng, WEEKS_MIN_DAYS, WEEKS_MAX_DAYS) * DAY);
            };
        }
    }
}
