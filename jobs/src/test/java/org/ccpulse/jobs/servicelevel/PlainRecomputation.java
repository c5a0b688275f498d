package org.ccpulse.jobs.servicelevel;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ccpulse.jobs.calendar.BusinessTime;
import org.ccpulse.jobs.testing.SimulatedTraffic;
import org.ccpulse.schemas.event.ContactEvent;
import org.ccpulse.schemas.event.ContactEventType;
import org.ccpulse.schemas.event.Direction;

/**
 * The queue figures recomputed the plain way, straight from METRICS.md, to check the job against:
 * drop repeated event_ids, keep inbound, and count each exit and completion in its interval.
 */
final class PlainRecomputation {

    /** Key: queue|channel|interval start. */
    static Map<String, QueueCounts> perInterval(List<ContactEvent> events, ServiceLevelConfig config) {
        BusinessTime time = new BusinessTime(config.businessZone(), config.intervalMinutes());
        Map<String, QueueCounts> figures = new TreeMap<>();
        for (ContactEvent e : facts(events)) {
            String key = e.queue() + "|" + e.channel().wire() + "|" + time.intervalStart(e.ts());
            QueueCounts c = figures.computeIfAbsent(key, k -> new QueueCounts());
            QueueRules rules = config.rulesFor(e.queue(), e.channel());
            switch (e.type()) {
                case ANSWERED -> c.addAnswered(Duration.between(e.queuedAt(), e.ts()), rules);
                case ABANDONED -> c.addAbandoned(Duration.between(e.queuedAt(), e.ts()), rules);
                case COMPLETED ->
                    c.addCompleted(Duration.ofNanos(Math.round((e.talkS() + e.holdS() + e.wrapS()) * 1e9)));
                default -> throw new IllegalStateException();
            }
        }
        return figures;
    }

    /** The events that count, in their order: first deliveries of inbound exits (answered, abandoned) and completions. */
    static List<ContactEvent> facts(List<ContactEvent> events) {
        Set<String> seen = new HashSet<>();
        List<ContactEvent> facts = new ArrayList<>();
        for (ContactEvent e : events) {
            if (seen.add(e.eventId()) && e.direction() == Direction.INBOUND && e.type() != ContactEventType.QUEUED) {
                facts.add(e);
            }
        }
        return facts;
    }

    /** How many facts the job finds in these records. */
    static long factCount(SimulatedTraffic traffic) {
        return facts(traffic.acceptedEvents()).size();
    }

    /** {@link #facts} by the minute their figures go into; key: queue|channel|UTC minute start. */
    static Map<String, List<ContactEvent>> factsPerMinute(List<ContactEvent> events) {
        Map<String, List<ContactEvent>> minutes = new TreeMap<>();
        for (ContactEvent e : facts(events)) {
            String key = e.queue() + "|" + e.channel().wire() + "|" + e.ts().truncatedTo(ChronoUnit.MINUTES);
            minutes.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        return minutes;
    }

    /** The job's final minute rows (highest version per minute) summed into intervals, keyed as above. */
    static Map<String, QueueCounts> fromMinuteRows(List<QueueMinuteRow> rows) {
        Map<String, QueueMinuteRow> latest = new TreeMap<>();
        for (QueueMinuteRow r : rows) {
            String key = r.queue + "|" + r.channel.wire() + "|" + r.minuteStartMs;
            latest.merge(key, r, (a, b) -> a.counts.facts >= b.counts.facts ? a : b);
        }
        Map<String, QueueCounts> figures = new TreeMap<>();
        for (QueueMinuteRow r : latest.values()) {
            String key = r.queue + "|" + r.channel.wire() + "|" + Instant.ofEpochMilli(r.intervalStartMs);
            QueueCounts sum = figures.computeIfAbsent(key, k -> new QueueCounts());
            QueueCounts c = r.counts;
            sum.answered += c.answered;
            sum.answeredInSl += c.answeredInSl;
            sum.abandoned += c.abandoned;
            sum.shortAbandoned += c.shortAbandoned;
            sum.abandonedInSl += c.abandonedInSl;
            sum.answeredWaitMs += c.answeredWaitMs;
            sum.maxWaitMs = Math.max(sum.maxWaitMs, c.maxWaitMs);
            sum.handled += c.handled;
            sum.handleMs += c.handleMs;
            sum.facts += c.facts;
        }
        return figures;
    }

    private PlainRecomputation() {}
}
