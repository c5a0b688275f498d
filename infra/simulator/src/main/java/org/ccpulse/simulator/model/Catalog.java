package org.ccpulse.simulator.model;

import java.util.List;
import org.ccpulse.schemas.event.Channel;
import org.ccpulse.schemas.event.Outcome;
import org.ccpulse.schemas.event.Severity;
import org.ccpulse.schemas.event.TicketCategory;

/** The fixed domain of the simulated center: queues, channels, reasons, products, complaint causes. */
public final class Catalog {
    private Catalog() {}

    public static final List<QueueSpec> QUEUES = List.of(
            new QueueSpec(
                    0,
                    "billing",
                    0.24,
                    Weighted.<String>builder()
                            .add("billing.dispute", 3)
                            .add("billing.payment", 3)
                            .add("billing.invoice", 2)
                            .add("billing.refund", 1)
                            .build(),
                    List.of("mobile-unlimited", "fiber-500", "tv-basic")),
            new QueueSpec(
                    1,
                    "technical",
                    0.30,
                    Weighted.<String>builder()
                            .add("technical.outage", 2)
                            .add("technical.setup", 3)
                            .add("technical.device", 3)
                            .add("technical.slow_connection", 2)
                            .build(),
                    List.of("fiber-500", "router-x2", "tv-basic", "mobile-unlimited")),
            new QueueSpec(
                    2,
                    "sales",
                    0.16,
                    Weighted.<String>builder()
                            .add("sales.new_contract", 3)
                            .add("sales.upgrade", 2)
                            .add("sales.pricing", 2)
                            .build(),
                    List.of("fiber-500", "mobile-unlimited", "mobile-prepaid", "tv-premium")),
            new QueueSpec(
                    3,
                    "retention",
                    0.10,
                    Weighted.<String>builder()
                            .add("retention.cancel", 3)
                            .add("retention.downgrade", 2)
                            .add("retention.offer", 1)
                            .build(),
                    List.of("mobile-unlimited", "fiber-500", "tv-premium")),
            new QueueSpec(
                    4,
                    "general",
                    0.20,
                    Weighted.<String>builder()
                            .add("general.address_change", 2)
                            .add("general.account", 3)
                            .add("general.info", 3)
                            .build(),
                    List.of("mobile-prepaid", "home-phone", "fiber-500")));

    /** Channel mix and behaviour; shares add up to 1. */
    public static final List<ChannelProfile> CHANNELS = List.of(
            new ChannelProfile(Channel.VOICE, 0.46, true, 100, 0.9, 240, 0.6, 0.30, 30, 0.10, true),
            new ChannelProfile(Channel.CALLBACK, 0.05, true, 1800, 0.5, 240, 0.6, 0.25, 30, 0.0, true),
            new ChannelProfile(Channel.CHAT, 0.20, true, 150, 0.8, 420, 0.5, 0.10, 25, 0.15, true),
            new ChannelProfile(Channel.VIDEO, 0.03, true, 120, 0.7, 420, 0.5, 0.20, 30, 0.0, true),
            new ChannelProfile(Channel.EMAIL, 0.14, false, Double.POSITIVE_INFINITY, 0, 300, 0.6, 0.0, 60, 0.02, false),
            new ChannelProfile(Channel.SOCIAL, 0.06, false, 6 * 3600, 0.7, 180, 0.6, 0.0, 30, 0.05, false),
            new ChannelProfile(Channel.SMS, 0.06, false, 6 * 3600, 0.7, 180, 0.6, 0.0, 30, 0.05, false));

    public static final Weighted<ChannelProfile> CHANNEL_MIX = Weighted.of(CHANNELS, ChannelProfile::share);

    public static ChannelProfile profile(Channel channel) {
        return CHANNELS.stream().filter(p -> p.channel() == channel).findFirst().orElseThrow();
    }

    public static final Weighted<QueueSpec> QUEUE_MIX = Weighted.of(QUEUES, QueueSpec::share);

    /** Agent dispositions of inbound contacts. */
    public static final Weighted<Outcome> INBOUND_OUTCOMES = Weighted.<Outcome>builder()
            .add(Outcome.RESOLVED, 0.72)
            .add(Outcome.UNRESOLVED, 0.12)
            .add(Outcome.TRANSFERRED, 0.07)
            .add(Outcome.ESCALATED, 0.05)
            .add(Outcome.CALLBACK_SCHEDULED, 0.04)
            .build();

    public static final Weighted<Outcome> OUTBOUND_OUTCOMES = Weighted.<Outcome>builder()
            .add(Outcome.RESOLVED, 0.8)
            .add(Outcome.UNRESOLVED, 0.2)
            .build();

    /**
     * Products that ship, which a delivery complaint is about: the router, the TV receiver, the prepaid SIM.
     * Complaint causes, their shares and rhythm are in {@link ComplaintRhythm}.
     */
    public static final List<String> DELIVERED_PRODUCTS = List.of("router-x2", "tv-premium", "mobile-prepaid");

    /** Products a complaint with this cause can concern, raised on a contact of {@code queue}. */
    public static List<String> productsForComplaint(String cause, QueueSpec queue) {
        return cause.equals("company.delivery") ? DELIVERED_PRODUCTS : queue.products();
    }

    /** Department that resolves a complaint with this cause. */
    public static String departmentForCause(String cause) {
        return switch (cause) {
            case "company.product" -> "production";
            case "company.system" -> "rnd";
            case "company.billing" -> "finance";
            case "company.delivery" -> "logistics";
            case "company.policy" -> "marketing";
            default -> "customer_service";
        };
    }

    /** Department for tickets that are not complaints. */
    public static String departmentFor(TicketCategory category, QueueSpec queue) {
        return switch (category) {
            case SALES -> "marketing";
            case SERVICE_REQUEST ->
                queue.name().equals("technical") ? "rnd" : queue.name().equals("billing") ? "finance" : "logistics";
            default -> "customer_service";
        };
    }

    public static final Weighted<Severity> COMPLAINT_SEVERITY = Weighted.<Severity>builder()
            .add(Severity.LOW, 0.20)
            .add(Severity.MEDIUM, 0.45)
            .add(Severity.HIGH, 0.25)
            .add(Severity.CRITICAL, 0.10)
            .build();

    public static final Weighted<Severity> CASE_SEVERITY = Weighted.<Severity>builder()
            .add(Severity.LOW, 0.35)
            .add(Severity.MEDIUM, 0.50)
            .add(Severity.HIGH, 0.13)
            .add(Severity.CRITICAL, 0.02)
            .build();

    /** Resolution deadline by severity, in hours. */
    public static double slaHours(Severity severity) {
        return switch (severity) {
            case CRITICAL -> 4;
            case HIGH -> 24;
            case MEDIUM -> 72;
            case LOW -> 168;
        };
    }
}
