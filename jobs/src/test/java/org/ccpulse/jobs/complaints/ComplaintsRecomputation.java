package org.ccpulse.jobs.complaints;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ccpulse.schemas.event.Ticket;
import org.ccpulse.schemas.event.TicketCategory;
import org.ccpulse.schemas.event.TicketType;

/**
 * METRICS.md "Complaints" computed the plain way from a list of accepted ticket records, without Flink: the
 * expectation the ITs compare the job's tables with. Redeliveries (an event_id seen before) are dropped; every
 * other event counts (the ITs' lateness exceeds the simulator's longest delay, so none is too late).
 */
final class ComplaintsRecomputation {

    private ComplaintsRecomputation() {}

    /**
     * The contract's grouping ({@code complaints_hourly}): "hour_start|cause|cause_group|product|department|channel"
     * to [complaints, reopens], sorted.
     */
    static Map<String, List<Long>> perHour(List<Ticket> accepted) {
        Set<String> seen = new HashSet<>();
        Map<String, long[]> sums = new TreeMap<>();
        for (Ticket t : accepted) {
            if (!seen.add(t.eventId()) || t.category() != TicketCategory.COMPLAINT) {
                continue;
            }
            boolean opened = t.type() == TicketType.OPENED;
            if (!opened && t.type() != TicketType.REOPENED) {
                continue;
            }
            String cause = t.cause();
            String key = String.join(
                    "|",
                    t.ts().truncatedTo(ChronoUnit.HOURS).toString(),
                    cause,
                    cause.substring(0, cause.indexOf('.')),
                    t.product() == null ? "not given" : t.product(),
                    t.department() == null ? "not given" : t.department(),
                    t.channel() == null ? "not given" : t.channel().wire());
            long[] s = sums.computeIfAbsent(key, k -> new long[2]);
            s[opened ? 0 : 1]++;
        }
        Map<String, List<Long>> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
        return out;
    }

    /** A spike event as the ITs compare them: level, key, status, the hour it opened in, the hour it speaks of. */
    record SpikeEnd(String level, String key, String status, Instant openedHour, Instant hour) {}

    /**
     * The spikes the detector's definition raises on these records: for each cause and cause group, its
     * complaints (OPENED, deduplicated) per local hour of the business zone, every hour from its first complaint's
     * to {@code lastHour} given to {@link SpikeDetector#observeHour} in order (the hours between two with
     * complaints as zeros). Partial-hour checks change when a spike opens, never whether or in which hour, so they
     * are left out. Every complaint counts, however late it arrived.
     */
    static List<SpikeEnd> spikes(List<Ticket> accepted, SpikeSettings settings, ZoneId zone, Instant lastHour) {
        Set<String> seen = new HashSet<>();
        Map<String, TreeMap<Long, Long>> perKey = new TreeMap<>();
        for (Ticket t : accepted) {
            if (!seen.add(t.eventId()) || t.category() != TicketCategory.COMPLAINT || t.type() != TicketType.OPENED) {
                continue;
            }
            long hour = t.ts().atZone(zone)
                    .truncatedTo(ChronoUnit.HOURS)
                    .toInstant()
                    .toEpochMilli();
            String group = t.cause().substring(0, t.cause().indexOf('.'));
            for (String key : List.of("cause:" + t.cause(), "cause_group:" + group)) {
                perKey.computeIfAbsent(key, k -> new TreeMap<>()).merge(hour, 1L, Long::sum);
            }
        }
        SpikeDetector detector = new SpikeDetector(settings, zone);
        List<SpikeEnd> ends = new ArrayList<>();
        perKey.forEach((key, hours) -> {
            int colon = key.indexOf(':');
            SpikeLevel level = key.startsWith("cause_group:") ? SpikeLevel.CAUSE_GROUP : SpikeLevel.CAUSE;
            SpikeBaseline b = SpikeBaseline.create(level, key.substring(colon + 1));
            List<ComplaintSpike> events = new ArrayList<>();
            hours.forEach((hour, count) -> {
                if (hour <= lastHour.toEpochMilli()) {
                    events.addAll(detector.observeHour(b, hour, count).events());
                }
            });
            if (b.lastHourMs < lastHour.toEpochMilli()) {
                events.addAll(
                        detector.observeHour(b, lastHour.toEpochMilli(), 0).events());
            }
            for (ComplaintSpike e : events) {
                ends.add(new SpikeEnd(
                        level.label(),
                        e.key(),
                        e.status().name(),
                        Instant.ofEpochMilli(e.openedAtMs()),
                        Instant.ofEpochMilli(e.hourStartMs())));
            }
        });
        return ends;
    }

    /** Complaints (OPENED, deduplicated) of a cause in the hour starting at {@code hourStart}. */
    static long complaintsOf(List<Ticket> accepted, String cause, Instant hourStart) {
        Set<String> seen = new HashSet<>();
        return accepted.stream()
                .filter(t -> seen.add(t.eventId()))
                .filter(t -> t.category() == TicketCategory.COMPLAINT && t.type() == TicketType.OPENED)
                .filter(t -> cause.equals(t.cause()))
                .filter(t -> t.ts().truncatedTo(ChronoUnit.HOURS).equals(hourStart))
                .count();
    }
}
