package org.ccpulse.schemas.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic record values as a contact center's systems send them: UUID event ids, millisecond
 * timestamps (mostly UTC, some with a local offset), weighted channels, a producer's extra
 * fields the parser must skip. Seeded, so every run parses the same bytes.
 */
final class SampleRecords {
    /** The benchmark clock: the records lie in the hours before it. */
    static final Instant NOW = Instant.parse("2026-11-24T18:00:00Z");

    private static final String[] CHANNELS = {
        "voice", "voice", "voice", "voice", "chat", "chat", "email", "callback", "social", "sms", "video"
    };
    private static final String[] QUEUES = {
        "billing_de",
        "billing_en",
        "tech_support_l1",
        "tech_support_l2",
        "sales_inbound",
        "retention",
        "moving_service",
        "fraud"
    };
    private static final String[] REASONS = {
        "billing.dispute",
        "billing.payment_plan",
        "tech.no_signal",
        "tech.router_setup",
        "contract.cancellation",
        "contract.upgrade",
        "moving.new_address",
        "general.information"
    };
    private static final String[] OUTCOMES = {
        "resolved", "resolved", "resolved", "unresolved", "transferred", "escalated", "callback_scheduled"
    };
    private static final String[] OFFSETS = {"Z", "Z", "Z", "+01:00", "+08:00", "-05:00"};
    private static final String[] CAUSES = {
        "company.billing",
        "company.delivery",
        "agent.attitude",
        "agent.knowledge",
        "company.product.fibre",
        "customer.expectation"
    };

    private final Random random;

    SampleRecords(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} contact events: whole contacts (QUEUED, ANSWERED, COMPLETED or QUEUED, ABANDONED). */
    List<byte[]> contactEvents(int count) {
        List<byte[]> records = new ArrayList<>(count);
        while (records.size() < count) {
            String contact = "C" + (100_000_000 + random.nextInt(900_000_000));
            String channel = pick(CHANNELS);
            String queue = pick(QUEUES);
            String customer = random.nextInt(10) < 7
                    ? "\"customer_id\":\"CUST-" + (10_000_000 + random.nextInt(90_000_000)) + "\","
                    : "";
            Instant queuedAt = NOW.minusSeconds(random.nextInt(6 * 3600)).plusMillis(random.nextInt(1000));
            Instant answeredAt = queuedAt.plusMillis(2_000 + random.nextInt(240_000));
            String agent = "agent-" + (1000 + random.nextInt(800));
            String team = "team-" + (1 + random.nextInt(40));
            String common = "\"contact_id\":\"" + contact + "\",\"channel\":\"" + channel + "\",\"queue\":\"" + queue
                    + "\"," + customer + "\"source\":\"genesys-cloud\",\"site\":\"fra-2\",";

            records.add(bytes("{\"event_id\":\"" + uuid() + "\"," + common + "\"type\":\"QUEUED\",\"ts\":\""
                    + instant(queuedAt) + "\",\"direction\":\"inbound\",\"ivr_path\":[\"main\",\"" + queue + "\"]}"));
            if (random.nextInt(100) < 18) {
                records.add(bytes("{\"event_id\":\"" + uuid() + "\"," + common + "\"type\":\"ABANDONED\",\"ts\":\""
                        + instant(answeredAt) + "\",\"queued_at\":\"" + instant(queuedAt) + "\"}"));
                continue;
            }
            records.add(bytes("{\"event_id\":\"" + uuid() + "\"," + common + "\"type\":\"ANSWERED\",\"ts\":\""
                    + instant(answeredAt) + "\",\"queued_at\":\"" + instant(queuedAt) + "\",\"agent_id\":\"" + agent
                    + "\",\"team\":\"" + team + "\"}"));
            Instant completedAt = answeredAt.plusSeconds(60 + random.nextInt(900));
            records.add(bytes("{\"event_id\":\"" + uuid() + "\"," + common + "\"type\":\"COMPLETED\",\"ts\":\""
                    + instant(completedAt) + "\",\"agent_id\":\"" + agent + "\",\"team\":\"" + team
                    + "\",\"talk_s\":" + seconds(30, 900) + ",\"hold_s\":"
                    + (random.nextInt(3) == 0 ? seconds(5, 120) : "0")
                    + ",\"wrap_s\":" + seconds(10, 180) + ",\"reason\":\"" + pick(REASONS) + "\",\"outcome\":\""
                    + pick(OUTCOMES) + "\",\"recording\":{\"id\":\"" + uuid() + "\",\"stored\":true}}"));
        }
        return records.subList(0, count);
    }

    List<byte[]> tickets(int count) {
        List<byte[]> records = new ArrayList<>(count);
        String[] types = {"OPENED", "UPDATED", "UPDATED", "RESOLVED", "CLOSED", "REOPENED"};
        String[] categories = {"inquiry", "service_request", "complaint", "complaint", "sales"};
        String[] severities = {"low", "medium", "medium", "high", "critical"};
        for (int i = 0; i < count; i++) {
            String category = pick(categories);
            Instant ts = NOW.minusSeconds(random.nextInt(48 * 3600));
            records.add(bytes("{\"event_id\":\"" + uuid() + "\",\"ticket_id\":\"TCK-"
                    + (1_000_000 + random.nextInt(9_000_000))
                    + "\",\"type\":\"" + pick(types) + "\",\"ts\":\"" + instant(ts) + "\",\"customer_id\":\"CUST-"
                    + (10_000_000 + random.nextInt(90_000_000)) + "\",\"contact_id\":\"C"
                    + (100_000_000 + random.nextInt(900_000_000))
                    + "\",\"channel\":\"" + pick(CHANNELS) + "\",\"category\":\"" + category + "\","
                    + ("complaint".equals(category) ? "\"cause\":\"" + pick(CAUSES) + "\"," : "")
                    + "\"product\":\"fibre-500\",\"department\":\"finance\",\"severity\":\"" + pick(severities)
                    + "\",\"due_at\":\"" + instant(NOW.plusSeconds(random.nextInt(20 * 3600)))
                    + "\",\"crm\":\"sf-eu\"}"));
        }
        return records;
    }

    List<byte[]> orders(int count) {
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean refund = random.nextInt(20) == 0;
            String amount = String.format(Locale.ROOT, "%d.%02d", 5 + random.nextInt(900), random.nextInt(100));
            records.add(bytes("{\"event_id\":\"" + uuid() + "\",\"order_id\":\"ORD-"
                    + (10_000_000 + random.nextInt(90_000_000))
                    + "\",\"customer_id\":\"CUST-" + (10_000_000 + random.nextInt(90_000_000)) + "\",\"type\":\""
                    + (refund ? "REFUND" : "PURCHASE") + "\",\"ts\":\""
                    + instant(NOW.minusSeconds(random.nextInt(86_400)))
                    + "\",\"amount\":" + amount + ",\"currency\":\"EUR\",\"shop\":\"web-de\",\"items\":"
                    + (1 + random.nextInt(5)) + "}"));
        }
        return records;
    }

    private String instant(Instant instant) {
        String offset = pick(OFFSETS);
        if (offset.equals("Z")) {
            return instant.toString().length() == 20 ? instant.toString().replace("Z", ".000Z") : instant.toString();
        }
        return instant.atOffset(ZoneOffset.of(offset)).toLocalDateTime() + offset;
    }

    private String seconds(int min, int max) {
        return String.format(Locale.ROOT, "%.1f", min + random.nextDouble() * (max - min));
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
