package org.ccpulse.jobs.customervalue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ccpulse.jobs.platform.DeploymentConfig;
import org.ccpulse.schemas.event.Tier;

/**
 * The customer-value job's configuration: the deployment's shared settings (business time zone, allowed
 * lateness) and the job's own section {@code customer-value}, read by both halves of the job (RFM figures and
 * tiers; churn alerts):
 *
 * <pre>
 * customer-value:
 *   window_days: 365                  # the trailing window of F and TM
 *   tier_interval_minutes: 60         # the tiers are recomputed once per this much event time
 *   tier_min_interval_seconds: 30     # and at most once per this much processing time (a backfill)
 *   alerted_tiers: [top, high]        # churn alerts: the tiers watched
 *   min_purchases: 2                  # churn alerts: F at least this
 *   overdue_factor: 1.0               # churn alerts: overdue when R > factor x P
 *   escalation_window_days: 30        # churn alerts: complaints, repeat contacts, open tickets this far back escalate
 *   repeat_contact_window_hours: 168  # churn alerts: a contact within this long of the previous one is a repeat
 *   open_ticket_max_age_days: 90      # churn alerts: a ticket never resolved or closed counts as open this long
 * </pre>
 * Every key is optional. An unknown key or a value out of range is refused with the key named.
 */
public final class CustomerValueConfig implements Serializable {

    /** The section of the deployment configuration this job reads (the job's name). */
    public static final String SECTION = "customer-value";

    public static final int DEFAULT_WINDOW_DAYS = 365;
    public static final int DEFAULT_TIER_INTERVAL_MINUTES = 60;
    public static final int DEFAULT_TIER_MIN_INTERVAL_SECONDS = 30;
    public static final List<Tier> DEFAULT_ALERTED_TIERS = List.of(Tier.TOP, Tier.HIGH);
    public static final int DEFAULT_MIN_PURCHASES = 2;
    public static final double DEFAULT_OVERDUE_FACTOR = 1.0;
    public static final int DEFAULT_ESCALATION_WINDOW_DAYS = 30;
    public static final int DEFAULT_REPEAT_CONTACT_WINDOW_HOURS = 168;
    public static final int DEFAULT_OPEN_TICKET_MAX_AGE_DAYS = 90;

    private final DeploymentConfig.Shared shared;
    private final Duration window;
    private final Duration tierInterval;
    private final Duration tierMinInterval;
    private final EnumSet<Tier> alertedTiers;
    private final int minPurchases;
    private final double overdueFactor;
    private final Duration escalationWindow;
    private final Duration repeatContactWindow;
    private final Duration openTicketMaxAge;

    private CustomerValueConfig(
            DeploymentConfig.Shared shared,
            Duration window,
            Duration tierInterval,
            Duration tierMinInterval,
            EnumSet<Tier> alertedTiers,
            int minPurchases,
            double overdueFactor,
            Duration escalationWindow,
            Duration repeatContactWindow,
            Duration openTicketMaxAge) {
        this.shared = shared;
        this.window = window;
        this.tierInterval = tierInterval;
        this.tierMinInterval = tierMinInterval;
        this.alertedTiers = alertedTiers;
        this.minPurchases = minPurchases;
        this.overdueFactor = overdueFactor;
        this.escalationWindow = escalationWindow;
        this.repeatContactWindow = repeatContactWindow;
        this.openTicketMaxAge = openTicketMaxAge;
    }

    /** METRICS.md's defaults: UTC, 2 h allowed lateness, 365 days, tiers hourly, alerts on top and high. */
    public static CustomerValueConfig defaults() {
        return from(DeploymentConfig.defaults());
    }

    public static CustomerValueConfig from(DeploymentConfig deployment) {
        return deployment.sectionAs(SECTION, Section.class).toConfig(deployment.shared());
    }

    /** A deployment configuration's text (shared settings, then the {@code customer-value} section). */
    public static CustomerValueConfig parse(String deploymentYaml) {
        return from(DeploymentConfig.parse(deploymentYaml));
    }

    public ZoneId businessZone() {
        return shared.businessZone();
    }

    public Duration allowedLateness() {
        return shared.allowedLateness();
    }

    /** The trailing window of F and TM: an order counts while its ts is in (t - window, t]. */
    public Duration window() {
        return window;
    }

    /** The event time between two recomputations of the tier cut-points. */
    public Duration tierInterval() {
        return tierInterval;
    }

    /** The least processing time between two recomputations (a backfill races through event time). */
    public Duration tierMinInterval() {
        return tierMinInterval;
    }

    /** The tiers whose customers are watched for churn. */
    public Set<Tier> alertedTiers() {
        return EnumSet.copyOf(alertedTiers);
    }

    /** The least F of a customer an alert may be raised for. */
    public int minPurchases() {
        return minPurchases;
    }

    /** k: a customer is overdue when R > k x P. */
    public double overdueFactor() {
        return overdueFactor;
    }

    /** How far back a complaint, repeat contact or open ticket escalates an open alert. */
    public Duration escalationWindow() {
        return escalationWindow;
    }

    /** A contact this soon after the customer's previous one is a repeat contact. */
    public Duration repeatContactWindow() {
        return repeatContactWindow;
    }

    public Duration openTicketMaxAge() {
        return openTicketMaxAge;
    }

    /** The churn alerts' rules, from this section and the shared allowed lateness. */
    public ChurnSettings churnSettings() {
        return new ChurnSettings(
                alertedTiers,
                minPurchases,
                overdueFactor,
                escalationWindow,
                repeatContactWindow,
                openTicketMaxAge,
                allowedLateness());
    }

    private record Section(
            @JsonProperty("window_days") Integer windowDays,
            @JsonProperty("tier_interval_minutes") Integer tierIntervalMinutes,
            @JsonProperty("tier_min_interval_seconds") Integer tierMinIntervalSeconds,
            @JsonProperty("alerted_tiers") List<String> alertedTiers,
            @JsonProperty("min_purchases") Integer minPurchases,
            @JsonProperty("overdue_factor") Double overdueFactor,
            @JsonProperty("escalation_window_days") Integer escalationWindowDays,
            @JsonProperty("repeat_contact_window_hours") Integer repeatContactWindowHours,
            @JsonProperty("open_ticket_max_age_days") Integer openTicketMaxAgeDays) {

        CustomerValueConfig toConfig(DeploymentConfig.Shared shared) {
            int days = orDefault(windowDays, DEFAULT_WINDOW_DAYS);
            check(days >= 1 && days <= 3650, "window_days must be in [1, 3650]", days);
            int interval = orDefault(tierIntervalMinutes, DEFAULT_TIER_INTERVAL_MINUTES);
            check(interval >= 1 && interval <= 10_080, "tier_interval_minutes must be in [1, 10080]", interval);
            int gap = orDefault(tierMinIntervalSeconds, DEFAULT_TIER_MIN_INTERVAL_SECONDS);
            check(gap >= 0 && gap <= 86_400, "tier_min_interval_seconds must be in [0, 86400]", gap);
            int purchases = orDefault(minPurchases, DEFAULT_MIN_PURCHASES);
            check(purchases >= 1 && purchases <= 1_000, "min_purchases must be in [1, 1000]", purchases);
            double factor = overdueFactor == null ? DEFAULT_OVERDUE_FACTOR : overdueFactor;
            check(factor > 0 && factor <= 100, "overdue_factor must be in (0, 100]", factor);
            int escalation = orDefault(escalationWindowDays, DEFAULT_ESCALATION_WINDOW_DAYS);
            check(escalation >= 1 && escalation <= 365, "escalation_window_days must be in [1, 365]", escalation);
            int repeat = orDefault(repeatContactWindowHours, DEFAULT_REPEAT_CONTACT_WINDOW_HOURS);
            check(repeat >= 1 && repeat <= 8_760, "repeat_contact_window_hours must be in [1, 8760]", repeat);
            int ticketAge = orDefault(openTicketMaxAgeDays, DEFAULT_OPEN_TICKET_MAX_AGE_DAYS);
            check(ticketAge >= 1 && ticketAge <= 3650, "open_ticket_max_age_days must be in [1, 3650]", ticketAge);
            return new CustomerValueConfig(
                    shared,
                    Duration.ofDays(days),
                    Duration.ofMinutes(interval),
                    Duration.ofSeconds(gap),
                    tiers(alertedTiers),
                    purchases,
                    factor,
                    Duration.ofDays(escalation),
                    Duration.ofHours(repeat),
                    Duration.ofDays(ticketAge));
        }

        private static EnumSet<Tier> tiers(List<String> names) {
            if (names == null) {
                return EnumSet.copyOf(DEFAULT_ALERTED_TIERS);
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException(SECTION + ".alerted_tiers must name at least one tier");
            }
            EnumSet<Tier> tiers = EnumSet.noneOf(Tier.class);
            for (String name : names) {
                Tier tier = name == null ? null : Tier.fromWire(name);
                if (tier == null) {
                    throw new IllegalArgumentException(SECTION + ".alerted_tiers: unknown tier '" + name
                            + "'; the tiers are "
                            + Arrays.stream(Tier.values()).map(Tier::wire).collect(Collectors.joining(", ")));
                }
                tiers.add(tier);
            }
            return tiers;
        }

        private static int orDefault(Integer value, int fallback) {
            return value == null ? fallback : value;
        }

        private static void check(boolean ok, String rule, Object value) {
            if (!ok) {
                throw new IllegalArgumentException(SECTION + "." + rule + ", was " + value);
            }
        }
    }
}
