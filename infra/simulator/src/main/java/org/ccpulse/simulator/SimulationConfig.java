package org.ccpulse.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.ccpulse.simulator.mess.MessRates;
import org.ccpulse.simulator.model.ComplaintSurge;

/**
 * What to simulate.
 *
 * @param seed       everything random derives from it: same config, same bytes
 * @param agents     agents employed (about 90 % work on a weekday)
 * @param customers  size of the customer base
 * @param startDate  first business day simulated (from local midnight in {@code zone})
 * @param days       days simulated; 0 = without end (live mode)
 * @param zone       business time zone: shifts and the arrival curve follow its clock
 * @param emitFrom   records with an event time before this are simulated but not emitted
 *                   (live mode starts the day at midnight to have a realistic state "now")
 * @param runId      prefix of every event, contact, ticket and order id of the run
 * @param mess       delivery disorder and bad-record rates
 * @param complaintSurges complaint surges to inject (none by default): the cause's complaints arrive
 *                   {@code factor} times as often, with the rest of the run unchanged
 * @param billingMonthStart billing complaints are this many times as frequent on days 2-4 of the month, after
 *                   the month-start invoices (1, the default: complaints have a weekly rhythm only, which an
 *                   hour-of-week baseline learns)
 */
public record SimulationConfig(
        long seed,
        int agents,
        int customers,
        LocalDate startDate,
        int days,
        ZoneId zone,
        Instant emitFrom,
        String runId,
        MessRates mess,
        List<ComplaintSurge> complaintSurges,
        double billingMonthStart) {

    public SimulationConfig {
        complaintSurges = List.copyOf(complaintSurges);
        if (!(billingMonthStart > 0) || billingMonthStart > 10) {
            throw new IllegalArgumentException(
                    "the billing month-start factor must be above 0 and at most 10, got " + billingMonthStart);
        }
        if (agents < 5) {
            throw new IllegalArgumentException("need at least 5 agents (one per queue), got " + agents);
        }
        if (customers < 1 || days < 0) {
            throw new IllegalArgumentException("customers must be positive and days not negative");
        }
    }

    /** A run without complaint surges. */
    public SimulationConfig(
            long seed,
            int agents,
            int customers,
            LocalDate startDate,
            int days,
            ZoneId zone,
            Instant emitFrom,
            String runId,
            MessRates mess) {
        this(seed, agents, customers, startDate, days, zone, emitFrom, runId, mess, List.of(), 1);
    }

    /** The same run with these complaint surges instead of its own. */
    public SimulationConfig withComplaintSurges(List<ComplaintSurge> surges) {
        return new SimulationConfig(
                seed, agents, customers, startDate, days, zone, emitFrom, runId, mess, surges, billingMonthStart);
    }

    /** The same run with this billing month-start factor (1: none). */
    public SimulationConfig withBillingMonthStart(double factor) {
        return new SimulationConfig(
                seed, agents, customers, startDate, days, zone, emitFrom, runId, mess, complaintSurges, factor);
    }

    /** The same run with one more complaint surge. */
    public SimulationConfig withComplaintSurge(ComplaintSurge surge) {
        List<ComplaintSurge> all = new ArrayList<>(complaintSurges);
        all.add(surge);
        return withComplaintSurges(all);
    }

    public Instant start() {
        return startDate.atStartOfDay(zone).toInstant();
    }

    /** End of the simulated period, exclusive; {@link Instant#MAX} when it runs without end. */
    public Instant end() {
        return days == 0
                ? Instant.MAX
                : startDate.plusDays(days).atStartOfDay(zone).toInstant();
    }

    /**
     * Default customer base: 10,000 per agent. An agent handles some 20,000 contacts a year, so a
     * customer gets in touch about twice a year: an unrelated contact within 7 days of another is
     * rare (a few %), within 30 days not (~15 %), as in a real center. One in ten of them shops
     * ({@link org.ccpulse.simulator.model.CustomerBase}), 1,000 per agent.
     */
    public static int customersFor(int agents) {
        return agents * 10_000;
    }

    /** A backfill of {@code days} days from {@code startDate}, emitting everything. */
    public static SimulationConfig backfill(
            long seed, int agents, LocalDate startDate, int days, ZoneId zone, MessRates mess) {
        return new SimulationConfig(
                seed,
                agents,
                customersFor(agents),
                startDate,
                days,
                zone,
                startDate.atStartOfDay(zone).toInstant(),
                "s" + seed,
                mess);
    }
}
