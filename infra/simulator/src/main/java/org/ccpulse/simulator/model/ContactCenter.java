package org.ccpulse.simulator.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;
import org.ccpulse.schemas.event.Outcome;

/**
 * The ACD: queues with their own agent pools, fed by a non-homogeneous Poisson arrival process
 * that follows the {@link ArrivalCurve}, plus the contacts that contacts cause (transfer legs,
 * retries after abandoning, customers coming back as in {@link ReturnBehaviour}, scheduled
 * callbacks).
 *
 * <p>Every day each agent works with probability 90 % (60 % at weekends) on a shift from the
 * {@link ShiftPlanner}; the day's fresh volume per queue is what keeps its working agents
 * {@value #TARGET_OCCUPANCY} busy on average, times a day-to-day factor (log-normal, sigma
 * {@value #DAILY_VOLUME_SIGMA}). The follow-up contacts come on top, so peaks overflow.
 */
public final class ContactCenter {
    static final double TARGET_OCCUPANCY = 0.75;
    static final double DAILY_VOLUME_SIGMA = 0.08;
    static final int TEAM_SIZE = 12;
    static final double RETRY_AFTER_ABANDON = 0.5;
    static final double RETRY_GAP_MEDIAN_MIN = 15;
    static final double OUTBOUND_CAMPAIGN_SHARE = 0.04;
    static final double WEB_TICKET_SHARE = 0.01;
    static final double REASON_GIVEN = 0.95;
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private final Scheduler scheduler;
    private final RandomGenerator rng;
    private final Ids ids;
    private final ModelOutput out;
    private final CustomerBase customers;
    private final TicketDesk desk;
    private final ArrivalCurve curve;
    private final ZoneId zone;
    private final List<List<Agent>> agentsByQueue = new ArrayList<>();
    private final AgentPool[] pools = new AgentPool[Catalog.QUEUES.size()];
    private final double meanHandleMs;

    public ContactCenter(
            Scheduler scheduler,
            RandomGenerator rng,
            Ids ids,
            ModelOutput out,
            CustomerBase customers,
            TicketDesk desk,
            ZoneId zone,
            int agents) {
        this.scheduler = scheduler;
        this.rng = rng;
        this.ids = ids;
        this.out = out;
        this.customers = customers;
        this.desk = desk;
        this.zone = zone;
        this.curve = new ArrivalCurve(zone);
        this.meanHandleMs = Catalog.CHANNELS.stream()
                        .mapToDouble(p -> p.share() * p.meanHandleS())
                        .sum()
                * SECOND;
        hire(agents);
    }

    /** Splits agents over queues by traffic share (at least one each) and into teams of {@value #TEAM_SIZE}. */
    private void hire(int agents) {
        int next = 1;
        int remaining = agents;
        for (QueueSpec q : Catalog.QUEUES) {
            int queuesLeft = Catalog.QUEUES.size() - q.index();
            int count = q.index() == Catalog.QUEUES.size() - 1
                    ? remaining
                    : Math.max(1, Math.min(remaining - (queuesLeft - 1), (int) Math.round(agents * q.share())));
            remaining -= count;
            List<Agent> staff = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                staff.add(new Agent(Ids.padded("agent-", next++, 4), q.name() + "-t" + (i / TEAM_SIZE + 1), q));
            }
            agentsByQueue.add(staff);
            pools[q.index()] = new AgentPool();
        }
    }

    /** Plans {@code date}: rosters and shifts, fresh arrivals, the outbound campaign, web tickets. */
    public void startDay(LocalDate date) {
        long dayStart = date.atStartOfDay(zone).toInstant().toEpochMilli();
        long dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        double freshPerDay = 0;
        for (QueueSpec q : Catalog.QUEUES) {
            List<Agent> working = new ArrayList<>();
            for (Agent a : agentsByQueue.get(q.index())) {
                if (Draw.chance(rng, weekend ? 0.6 : 0.9)) {
                    working.add(a);
                }
            }
            Collections.shuffle(working, new Random(rng.nextLong()));
            int[] starts = ShiftPlanner.plan(working.size());
            for (int i = 0; i < starts.length; i++) {
                Agent a = working.get(i);
                long shiftStart = localTime(date, starts[i]);
                scheduler.at(shiftStart, () -> startShift(a, shiftStart + ShiftPlanner.SHIFT_MINUTES * MINUTE));
            }
            double volume = TARGET_OCCUPANCY
                    * working.size()
                    * ShiftPlanner.SHIFT_MINUTES
                    * MINUTE
                    / meanHandleMs
                    * Draw.logNormal(rng, 1, DAILY_VOLUME_SIGMA);
            freshPerDay += volume;
            double perMsAtCurveOne = volume / (curveIntegralMs(dayStart, dayEnd));
            scheduleFreshArrival(q, perMsAtCurveOne, dayStart, dayEnd);
            if (q.name().equals("sales") || q.name().equals("retention")) {
                scheduleCampaign(q, date, (int) Math.round(volume * OUTBOUND_CAMPAIGN_SHARE));
            }
        }
        for (int i = (int) Math.round(freshPerDay * WEB_TICKET_SHARE); i > 0; i--) {
            long at = localTime(date, 7 * 60) + rng.nextLong(15 * HOUR);
            QueueSpec q = Catalog.QUEUE_MIX.pick(rng);
            scheduler.at(at, () -> desk.openStandalone(customers.pickContacting(rng), q, scheduler.now()));
        }
    }

    /** Epoch ms of local wall-clock time {@code minutes} after midnight of {@code date} (DST-aware). */
    private long localTime(LocalDate date, int minutes) {
        return date.atStartOfDay().plusMinutes(minutes).atZone(zone).toInstant().toEpochMilli();
    }

    private double curveIntegralMs(long from, long to) {
        double sum = 0;
        long step = 5 * MINUTE;
        for (long t = from; t < to; t += step) {
            sum += curve.at(t + step / 2) * step;
        }
        return sum;
    }

    private void startShift(Agent a, long shiftEnd) {
        a.shiftEnd = Math.max(a.shiftEnd, shiftEnd);
        if (a.state == Agent.State.OFF) {
            becomeAvailable(a);
        }
    }

    /** Thinning: candidates at the curve's maximum rate, kept with probability curve / max. */
    private void scheduleFreshArrival(QueueSpec q, double perMsAtCurveOne, long from, long dayEnd) {
        double meanGap = 1 / (perMsAtCurveOne * ArrivalCurve.max());
        double t = from;
        do {
            t += Draw.exponential(rng, meanGap);
            if (t >= dayEnd) {
                return;
            }
        } while (rng.nextDouble() * ArrivalCurve.max() >= curve.at((long) t));
        long at = (long) t;
        scheduler.at(at, () -> {
            ChannelProfile channel = Catalog.CHANNEL_MIX.pick(rng);
            Customer customer = Draw.chance(rng, channel.unidentifiedShare()) ? null : customers.pickContacting(rng);
            arrive(new Contact(ids.contact(), q, channel, Direction.INBOUND, customer, null));
            scheduleFreshArrival(q, perMsAtCurveOne, at, dayEnd);
        });
    }

    private void scheduleCampaign(QueueSpec q, LocalDate date, int calls) {
        long nine = localTime(date, 9 * 60);
        for (int i = 0; i < calls; i++) {
            long at = nine + rng.nextLong(9 * HOUR);
            scheduler.at(
                    at,
                    () -> arrive(new Contact(
                            ids.contact(),
                            q,
                            Catalog.profile(Channel.VOICE),
                            Direction.OUTBOUND,
                            customers.pickUniform(rng),
                            null)));
        }
    }

    private void arrive(Contact c) {
        long now = scheduler.now();
        c.queuedAt = now;
        emit(c, ContactEventType.QUEUED, now, null, null, null, null, null, null);
        AgentPool pool = pools[c.queue.index()];
        Agent agent = pool.takeIdle(now);
        if (agent != null) {
            answer(agent, c, now + routingDelay(c));
            return;
        }
        boolean realtime = c.channel.realtime() && c.direction == Direction.INBOUND;
        pool.enqueue(c, realtime);
        if (c.direction == Direction.INBOUND && c.channel.abandons()) {
            long patience =
                    (long) (Draw.logNormal(rng, c.channel.patienceMedianS(), c.channel.patienceSigma()) * SECOND);
            scheduler.at(now + patience, () -> abandonIfWaiting(c));
        }
    }

    /**
     * The center stops (a live run ends): every contact still waiting hangs up now, with the ABANDONED a real
     * ACD would send. Without it, a job resumed later would count them as waiting for as long as its limit,
     * since no later run of the simulator knows them.
     */
    public void closeDoors() {
        long now = scheduler.now();
        for (AgentPool pool : pools) {
            pool.drainWaiting(c -> {
                c.state = Contact.State.ABANDONED;
                emit(c, ContactEventType.ABANDONED, now, null, null, null, null, null, null);
            });
        }
    }

    /** Time to route to a free agent: seconds for realtime work, up to a minute and a half for deferred. */
    private long routingDelay(Contact c) {
        return c.channel.realtime() ? SECOND + rng.nextLong(3 * SECOND) : 10 * SECOND + rng.nextLong(80 * SECOND);
    }

    private void abandonIfWaiting(Contact c) {
        if (c.state != Contact.State.WAITING) {
            return;
        }
        long now = scheduler.now();
        c.state = Contact.State.ABANDONED;
        emit(c, ContactEventType.ABANDONED, now, null, null, null, null, null, null);
        if (c.customer != null && Draw.chance(rng, RETRY_AFTER_ABANDON)) {
            long at = atLikelyHour(
                    now, () -> clamp((long) (Draw.logNormal(rng, RETRY_GAP_MEDIAN_MIN, 1.0) * MINUTE), MINUTE, DAY));
            ChannelProfile channel = Draw.chance(rng, 0.7) ? c.channel : Catalog.CHANNEL_MIX.pick(rng);
            scheduleInbound(at, c.queue, channel, c.customer, c.issue);
        }
    }

    private void answer(Agent agent, Contact c, long answeredAt) {
        c.state = Contact.State.ANSWERED;
        emit(c, ContactEventType.ANSWERED, answeredAt, agent, null, null, null, null, null);
        ChannelProfile p = c.channel;
        double talk = Draw.wholeSeconds(Draw.logNormal(rng, p.talkMedianS(), p.talkSigma()));
        double hold = Draw.chance(rng, p.holdShare())
                ? Draw.wholeSeconds(Draw.logNormal(rng, ChannelProfile.HOLD_MEDIAN_S, ChannelProfile.HOLD_SIGMA))
                : 0;
        double wrap = Draw.wholeSeconds(Draw.logNormal(rng, p.wrapMedianS(), ChannelProfile.WRAP_SIGMA));
        long completedAt = answeredAt + (long) ((talk + hold + wrap) * SECOND);
        scheduler.at(completedAt, () -> complete(agent, c, talk, hold, wrap));
    }

    private void complete(Agent agent, Contact c, double talk, double hold, double wrap) {
        long now = scheduler.now();
        Outcome outcome =
                (c.direction == Direction.INBOUND ? Catalog.INBOUND_OUTCOMES : Catalog.OUTBOUND_OUTCOMES).pick(rng);
        if (outcome == Outcome.TRANSFERRED && !c.channel.transferable()) {
            outcome = Outcome.UNRESOLVED;
        }
        String reason = Draw.chance(rng, REASON_GIVEN) ? c.issue.reasons().pick(rng) : null;
        emit(c, ContactEventType.COMPLETED, now, agent, talk, hold, wrap, reason, outcome);
        followUp(c, outcome, now);
        desk.afterContact(c.id, c.customer, c.channel.channel(), c.queue, outcome, now);
        becomeAvailable(agent);
    }

    /**
     * The contacts this one causes: a transfer leg (same customer, channel and issue, another
     * queue, {@code parent_contact_id} = this leg), a scheduled callback, or the customer coming
     * back (see {@link ReturnBehaviour}) once the contact's last leg is over.
     */
    private void followUp(Contact c, Outcome outcome, long now) {
        if (outcome == Outcome.TRANSFERRED) {
            QueueSpec target = otherQueue(c.queue);
            arrive(new Contact(ids.contact(), target, c.channel, c.direction, c.customer, c.id, c.issue));
            return;
        }
        if (c.customer == null || c.direction == Direction.OUTBOUND) {
            return;
        }
        if (outcome == Outcome.CALLBACK_SCHEDULED) {
            long at = atLikelyHour(now, () -> clamp((long) (Draw.logNormal(rng, 2, 0.5) * HOUR), 10 * MINUTE, DAY));
            scheduler.at(
                    at,
                    () -> arrive(new Contact(
                            ids.contact(),
                            c.queue,
                            Catalog.profile(Channel.VOICE),
                            Direction.OUTBOUND,
                            c.customer,
                            null)));
        }
        if (Draw.chance(rng, ReturnBehaviour.probability(outcome, c.parentId != null))) {
            comeBack(c, now);
        }
    }

    /** Schedules the customer's return after contact {@code c}: delay, channel, issue and queue. */
    private void comeBack(Contact c, long now) {
        ReturnBehaviour.Delay delay = ReturnBehaviour.Delay.pick(rng);
        long at = delay.followsTheDay() ? atLikelyHour(now, () -> delay.drawMs(rng)) : now + delay.drawMs(rng);
        ChannelProfile channel = Draw.chance(rng, ReturnBehaviour.OTHER_CHANNEL) ? otherChannel(c.channel) : c.channel;
        QueueSpec issue;
        QueueSpec queue;
        if (Draw.chance(rng, ReturnBehaviour.SAME_ISSUE)) {
            issue = c.issue;
            queue = Draw.chance(rng, ReturnBehaviour.OTHER_QUEUE_SAME_ISSUE) ? otherQueue(c.issue) : c.issue;
        } else {
            issue = otherQueue(c.issue);
            queue = issue;
        }
        scheduleInbound(at, queue, channel, c.customer, issue);
    }

    /**
     * {@code from} plus a gap drawn from {@code gap}, redrawn while the result falls at an hour
     * people rarely call (kept with probability curve / max), so follow-ups respect the day too.
     */
    private long atLikelyHour(long from, LongSupplier gap) {
        long at;
        int tries = 0;
        do {
            at = from + gap.getAsLong();
        } while (++tries < 20 && rng.nextDouble() * ArrivalCurve.max() >= curve.at(at));
        return at;
    }

    /** A new inbound contact (no parent) of a known customer about {@code issue}. */
    private void scheduleInbound(long at, QueueSpec queue, ChannelProfile channel, Customer customer, QueueSpec issue) {
        scheduler.at(
                at, () -> arrive(new Contact(ids.contact(), queue, channel, Direction.INBOUND, customer, null, issue)));
    }

    private ChannelProfile otherChannel(ChannelProfile from) {
        ChannelProfile p;
        do {
            p = Catalog.CHANNEL_MIX.pick(rng);
        } while (p == from);
        return p;
    }

    private QueueSpec otherQueue(QueueSpec from) {
        QueueSpec q;
        do {
            q = Catalog.QUEUE_MIX.pick(rng);
        } while (q == from);
        return q;
    }

    /** A free agent takes the next waiting contact, goes idle, or goes home if the shift is over. */
    private void becomeAvailable(Agent agent) {
        long now = scheduler.now();
        if (!agent.onShift(now)) {
            agent.state = Agent.State.OFF;
            return;
        }
        AgentPool pool = pools[agent.queue.index()];
        Contact next = pool.nextWaiting();
        if (next == null) {
            pool.makeIdle(agent);
            return;
        }
        agent.state = Agent.State.BUSY;
        answer(agent, next, now + routingDelay(next));
    }

    private void emit(
            Contact c,
            ContactEventType type,
            long ts,
            Agent agent,
            Double talk,
            Double hold,
            Double wrap,
            String reason,
            Outcome outcome) {
        Instant queuedAt = type == ContactEventType.ANSWERED || type == ContactEventType.ABANDONED
                ? Instant.ofEpochMilli(c.queuedAt)
                : null;
        out.contact(new ContactEvent(
                ids.event(),
                c.id,
                type,
                Instant.ofEpochMilli(ts),
                c.channel.channel(),
                c.direction,
                c.queue.name(),
                c.customerId(),
                queuedAt,
                agent == null ? null : agent.id,
                agent == null ? null : agent.team,
                talk,
                hold,
                wrap,
                reason,
                outcome,
                c.parentId));
    }

    private static long clamp(long v, long low, long high) {
        return Math.max(low, Math.min(high, v));
    }
}
