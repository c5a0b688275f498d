package org.ccpulse.schemas.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Good and bad records for every rule of EVENTS.md, per topic, each with the verdict the
 * parser must give. The parser tests check every verdict exactly; the schema test checks the
 * JSON Schema files agree on the ones JSON Schema can express.
 */
final class Corpus {
    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String TS = "2026-11-24T09:15:02.123Z";
    static final String QUEUED_AT = "2026-11-24T09:14:30Z";
    static final String BEYOND_SKEW =
            NOW.plus(RecordLimits.MAX_FUTURE_SKEW).plusSeconds(1).toString();
    static final String AT_SKEW = NOW.plus(RecordLimits.MAX_FUTURE_SKEW).toString();

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * One record and its verdict: {@code problem} null means accepted.
     * {@code schemaExpressible} is false for rules JSON Schema cannot state (see the schema descriptions).
     */
    record Case(String name, byte[] value, String field, Problem problem, boolean schemaExpressible) {
        boolean accepted() {
            return problem == null;
        }

        String text() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Corpus() {}

    // ---------- contact-events ----------

    static ObjectNode queued() {
        return object(
                "event_id",
                "e-1",
                "contact_id",
                "c-1",
                "type",
                "QUEUED",
                "ts",
                TS,
                "channel",
                "voice",
                "queue",
                "billing");
    }

    static ObjectNode answered() {
        return queued().put("type", "ANSWERED")
                .put("queued_at", QUEUED_AT)
                .put("agent_id", "a-7")
                .put("team", "t-2");
    }

    static ObjectNode abandoned() {
        return queued().put("type", "ABANDONED").put("queued_at", QUEUED_AT);
    }

    static ObjectNode completed() {
        return queued().put("type", "COMPLETED")
                .put("agent_id", "a-7")
                .put("team", "t-2")
                .put("talk_s", 312.5)
                .put("hold_s", 0)
                .put("wrap_s", 45)
                .put("reason", "billing.dispute")
                .put("outcome", "resolved");
    }

    static List<Case> contactEvents() {
        List<Case> cases = new ArrayList<>();
        cases.add(accept("QUEUED", queued()));
        cases.add(accept("ANSWERED", answered()));
        cases.add(accept("ABANDONED", abandoned()));
        cases.add(accept("COMPLETED", completed()));
        cases.add(accept(
                "all optional fields",
                completed()
                        .put("direction", "outbound")
                        .put("customer_id", "cu-9")
                        .put("queued_at", QUEUED_AT)
                        .put("parent_contact_id", "c-0")));
        cases.add(accept(
                "optional fields null",
                queued().putNull("direction")
                        .putNull("customer_id")
                        .putNull("talk_s")
                        .putNull("outcome")
                        .putNull("queued_at")));
        cases.add(accept("offset +08:00 and no fraction", queued().put("ts", "2026-11-24T17:15:02+08:00")));
        cases.add(accept(
                "negative offset, nanosecond fraction", queued().put("ts", "2026-11-24T04:15:02.123456789-05:00")));
        cases.add(accept("ts exactly 24 h ahead", queued().put("ts", AT_SKEW)));
        cases.add(accept(
                "zero durations",
                completed().put("talk_s", 0).put("hold_s", 0.0).put("wrap_s", 0)));
        cases.add(accept("unknown fields of every shape", withUnknownFields(completed())));

        for (String field : List.of("event_id", "contact_id", "type", "ts", "channel", "queue")) {
            cases.add(reject("missing " + field, without(queued(), field), field, Problem.MISSING_FIELD));
            cases.add(reject("null " + field, queued().putNull(field), field, Problem.MISSING_FIELD));
        }
        cases.add(reject(
                "ANSWERED without queued_at", without(answered(), "queued_at"), "queued_at", Problem.MISSING_FIELD));
        cases.add(reject(
                "ABANDONED without queued_at", without(abandoned(), "queued_at"), "queued_at", Problem.MISSING_FIELD));
        cases.add(reject(
                "ANSWERED with null queued_at", answered().putNull("queued_at"), "queued_at", Problem.MISSING_FIELD));
        for (String field : List.of("agent_id", "team")) {
            cases.add(reject("ANSWERED without " + field, without(answered(), field), field, Problem.MISSING_FIELD));
            cases.add(reject("COMPLETED without " + field, without(completed(), field), field, Problem.MISSING_FIELD));
        }
        for (String field : List.of("talk_s", "hold_s", "wrap_s", "outcome")) {
            cases.add(reject("COMPLETED without " + field, without(completed(), field), field, Problem.MISSING_FIELD));
            cases.add(reject("COMPLETED with null " + field, completed().putNull(field), field, Problem.MISSING_FIELD));
        }

        for (String field : List.of(
                "event_id", "contact_id", "queue", "customer_id", "agent_id", "team", "reason", "parent_contact_id")) {
            cases.add(reject(field + " as number", completed().put(field, 42), field, Problem.WRONG_TYPE));
            cases.add(reject(field + " empty", completed().put(field, ""), field, Problem.INVALID_VALUE));
        }
        cases.add(reject("event_id as boolean", queued().put("event_id", true), "event_id", Problem.WRONG_TYPE));
        cases.add(reject(
                "queue as object",
                withNode(queued(), "queue", object("name", "billing")),
                "queue",
                Problem.WRONG_TYPE));
        cases.add(reject(
                "customer_id as array",
                withNode(queued(), "customer_id", NODES.arrayNode().add("cu-1")),
                "customer_id",
                Problem.WRONG_TYPE));
        cases.add(reject("type as number", queued().put("type", 1), "type", Problem.WRONG_TYPE));
        cases.add(reject("ts as epoch number", queued().put("ts", 1_795_000_000L), "ts", Problem.WRONG_TYPE));
        for (String field : List.of("talk_s", "hold_s", "wrap_s")) {
            cases.add(reject(field + " as string", completed().put(field, "12"), field, Problem.WRONG_TYPE));
            cases.add(reject(field + " negative", completed().put(field, -3), field, Problem.NEGATIVE_DURATION));
        }
        cases.add(notExpressible(
                "talk_s beyond double range",
                completed().put("talk_s", new java.math.BigDecimal("1e400")),
                "talk_s",
                Problem.INVALID_VALUE));
        cases.add(notExpressible(
                "ABANDONED queued after it left (negative wait)",
                answered()
                        .put("type", "ABANDONED")
                        .put("queued_at", "2026-11-24T09:20:00Z")
                        .put("ts", "2026-11-24T09:19:59.999Z"),
                "queued_at",
                Problem.NEGATIVE_DURATION));
        cases.add(accept(
                "ANSWERED with zero wait",
                answered().put("queued_at", "2026-11-24T09:19:00Z").put("ts", "2026-11-24T09:19:00Z")));
        cases.add(reject(
                "talk_s slightly negative", completed().put("talk_s", -0.001), "talk_s", Problem.NEGATIVE_DURATION));

        cases.add(reject("type lower-case", queued().put("type", "queued"), "type", Problem.UNKNOWN_ENUM));
        cases.add(reject("type unknown", queued().put("type", "TRANSFERRED"), "type", Problem.UNKNOWN_ENUM));
        cases.add(reject("channel upper-case", queued().put("channel", "Voice"), "channel", Problem.UNKNOWN_ENUM));
        cases.add(reject("channel unknown", queued().put("channel", "fax"), "channel", Problem.UNKNOWN_ENUM));
        cases.add(reject("channel empty", queued().put("channel", ""), "channel", Problem.UNKNOWN_ENUM));
        cases.add(reject("direction unknown", queued().put("direction", "in"), "direction", Problem.UNKNOWN_ENUM));
        cases.add(
                reject("outcome upper-case", completed().put("outcome", "RESOLVED"), "outcome", Problem.UNKNOWN_ENUM));

        cases.add(reject("ts without offset", queued().put("ts", "2026-11-24T09:15:02"), "ts", Problem.INVALID_VALUE));
        cases.add(reject("ts not a date", queued().put("ts", "yesterday"), "ts", Problem.INVALID_VALUE));
        cases.add(
                reject("ts impossible date", queued().put("ts", "2026-02-30T09:15:02Z"), "ts", Problem.INVALID_VALUE));
        cases.add(reject("ts date only", queued().put("ts", "2026-11-24"), "ts", Problem.INVALID_VALUE));
        cases.add(reject(
                "queued_at without offset",
                answered().put("queued_at", "2026-11-24 09:14:30"),
                "queued_at",
                Problem.INVALID_VALUE));
        cases.add(notExpressible(
                "ts more than 24 h ahead", queued().put("ts", BEYOND_SKEW), "ts", Problem.FUTURE_TIMESTAMP));
        cases.add(notExpressible(
                "queued_at more than 24 h ahead",
                answered().put("queued_at", BEYOND_SKEW),
                "queued_at",
                Problem.FUTURE_TIMESTAMP));

        cases.addAll(malformed(queued()));
        return cases;
    }

    // ---------- tickets ----------

    static ObjectNode ticket() {
        return object(
                "event_id",
                "e-1",
                "ticket_id",
                "t-1",
                "type",
                "OPENED",
                "ts",
                TS,
                "customer_id",
                "cu-1",
                "category",
                "inquiry");
    }

    static ObjectNode complaint() {
        return ticket().put("category", "complaint").put("cause", "company.billing");
    }

    static List<Case> tickets() {
        List<Case> cases = new ArrayList<>();
        cases.add(accept("inquiry", ticket()));
        cases.add(accept("complaint", complaint()));
        cases.add(accept(
                "all optional fields",
                complaint()
                        .put("contact_id", "c-1")
                        .put("channel", "chat")
                        .put("product", "fibre-1g")
                        .put("department", "finance")
                        .put("severity", "critical")
                        .put("due_at", "2026-11-25T09:00:00+01:00")));
        cases.add(accept(
                "optional fields null",
                ticket().putNull("contact_id")
                        .putNull("channel")
                        .putNull("cause")
                        .putNull("severity")
                        .putNull("due_at")));
        for (String type : List.of("UPDATED", "RESOLVED", "REOPENED", "CLOSED")) {
            cases.add(accept("type " + type, ticket().put("type", type)));
        }
        for (String category : List.of("service_request", "sales")) {
            cases.add(accept("category " + category, ticket().put("category", category)));
        }
        cases.add(accept("deep cause code", complaint().put("cause", "agent.knowledge.product")));
        cases.add(accept("cause on a non-complaint", ticket().put("cause", "customer.expectation")));
        cases.add(accept("unknown fields of every shape", withUnknownFields(complaint())));
        cases.add(accept("due_at exactly 24 h ahead", ticket().put("due_at", AT_SKEW)));

        for (String field : List.of("event_id", "ticket_id", "type", "ts", "customer_id", "category")) {
            cases.add(reject("missing " + field, without(ticket(), field), field, Problem.MISSING_FIELD));
            cases.add(reject("null " + field, ticket().putNull(field), field, Problem.MISSING_FIELD));
        }
        cases.add(reject("complaint without cause", without(complaint(), "cause"), "cause", Problem.MISSING_FIELD));
        cases.add(reject("complaint with null cause", complaint().putNull("cause"), "cause", Problem.MISSING_FIELD));

        for (String field : List.of("event_id", "ticket_id", "customer_id", "contact_id", "product", "department")) {
            cases.add(reject(field + " as number", ticket().put(field, 7), field, Problem.WRONG_TYPE));
            cases.add(reject(field + " empty", ticket().put(field, ""), field, Problem.INVALID_VALUE));
        }
        cases.add(reject("cause as number", complaint().put("cause", 3), "cause", Problem.WRONG_TYPE));
        cases.add(reject("severity as number", ticket().put("severity", 2), "severity", Problem.WRONG_TYPE));
        cases.add(reject("due_at as number", ticket().put("due_at", 1_795_000_000L), "due_at", Problem.WRONG_TYPE));

        cases.add(reject("type lower-case", ticket().put("type", "opened"), "type", Problem.UNKNOWN_ENUM));
        cases.add(reject("category unknown", ticket().put("category", "praise"), "category", Problem.UNKNOWN_ENUM));
        cases.add(
                reject("category upper-case", ticket().put("category", "COMPLAINT"), "category", Problem.UNKNOWN_ENUM));
        cases.add(reject("channel unknown", ticket().put("channel", "pigeon"), "channel", Problem.UNKNOWN_ENUM));
        cases.add(reject("severity unknown", ticket().put("severity", "urgent"), "severity", Problem.UNKNOWN_ENUM));

        cases.add(reject("cause without a dot", complaint().put("cause", "company"), "cause", Problem.INVALID_VALUE));
        cases.add(reject(
                "cause of an unknown group",
                complaint().put("cause", "weather.storm"),
                "cause",
                Problem.INVALID_VALUE));
        cases.add(reject(
                "cause group upper-case", complaint().put("cause", "Company.billing"), "cause", Problem.INVALID_VALUE));
        cases.add(reject(
                "cause with an empty segment",
                complaint().put("cause", "company..billing"),
                "cause",
                Problem.INVALID_VALUE));
        cases.add(reject("cause ending in a dot", complaint().put("cause", "agent."), "cause", Problem.INVALID_VALUE));
        cases.add(reject("cause empty", complaint().put("cause", ""), "cause", Problem.INVALID_VALUE));
        cases.add(reject(
                "due_at without offset",
                ticket().put("due_at", "2026-11-30T17:00:00"),
                "due_at",
                Problem.INVALID_VALUE));
        cases.add(reject("ts not a date", ticket().put("ts", "soon"), "ts", Problem.INVALID_VALUE));
        cases.add(notExpressible(
                "ts more than 24 h ahead", ticket().put("ts", BEYOND_SKEW), "ts", Problem.FUTURE_TIMESTAMP));
        // A deadline lies ahead by nature: the future rule is for event times only.
        cases.add(accept(
                "due_at 30 days ahead",
                ticket().put("due_at", NOW.plus(java.time.Duration.ofDays(30)).toString())));

        cases.addAll(malformed(ticket()));
        return cases;
    }

    // ---------- orders ----------

    static ObjectNode purchase() {
        return object("event_id", "e-1", "order_id", "o-1", "customer_id", "cu-1", "type", "PURCHASE", "ts", TS)
                .put("amount", new java.math.BigDecimal("129.90"));
    }

    static List<Case> orders() {
        List<Case> cases = new ArrayList<>();
        cases.add(accept("purchase", purchase()));
        cases.add(
                accept("refund with currency", purchase().put("type", "REFUND").put("currency", "EUR")));
        cases.add(accept("integer amount", purchase().put("amount", 40)));
        cases.add(accept("tiny amount", purchase().put("amount", new java.math.BigDecimal("0.01"))));
        cases.add(accept("null currency", purchase().putNull("currency")));
        cases.add(accept("unknown fields of every shape", withUnknownFields(purchase())));

        for (String field : List.of("event_id", "order_id", "customer_id", "type", "ts", "amount")) {
            cases.add(reject("missing " + field, without(purchase(), field), field, Problem.MISSING_FIELD));
            cases.add(reject("null " + field, purchase().putNull(field), field, Problem.MISSING_FIELD));
        }
        for (String field : List.of("event_id", "order_id", "customer_id")) {
            cases.add(reject(field + " as number", purchase().put(field, 12), field, Problem.WRONG_TYPE));
            cases.add(reject(field + " empty", purchase().put(field, ""), field, Problem.INVALID_VALUE));
        }
        cases.add(reject("amount as numeric string", purchase().put("amount", "129.90"), "amount", Problem.WRONG_TYPE));
        cases.add(reject("amount as boolean", purchase().put("amount", true), "amount", Problem.WRONG_TYPE));
        cases.add(reject("amount zero", purchase().put("amount", 0), "amount", Problem.INVALID_VALUE));
        cases.add(reject(
                "amount zero with decimals",
                purchase().put("amount", new java.math.BigDecimal("0.00")),
                "amount",
                Problem.INVALID_VALUE));
        cases.add(reject(
                "amount negative",
                purchase().put("amount", new java.math.BigDecimal("-5.00")),
                "amount",
                Problem.INVALID_VALUE));
        cases.add(reject("currency as number", purchase().put("currency", 978), "currency", Problem.WRONG_TYPE));
        cases.add(reject("currency lower-case", purchase().put("currency", "eur"), "currency", Problem.INVALID_VALUE));
        cases.add(reject("currency too long", purchase().put("currency", "EURO"), "currency", Problem.INVALID_VALUE));
        cases.add(reject("currency empty", purchase().put("currency", ""), "currency", Problem.INVALID_VALUE));
        cases.add(reject("type lower-case", purchase().put("type", "purchase"), "type", Problem.UNKNOWN_ENUM));
        cases.add(reject("type unknown", purchase().put("type", "CHARGEBACK"), "type", Problem.UNKNOWN_ENUM));
        cases.add(reject(
                "ts without offset", purchase().put("ts", "2026-11-24T09:15:02.123"), "ts", Problem.INVALID_VALUE));
        cases.add(notExpressible(
                "ts more than 24 h ahead", purchase().put("ts", BEYOND_SKEW), "ts", Problem.FUTURE_TIMESTAMP));

        cases.addAll(malformed(purchase()));
        return cases;
    }

    // ---------- rules every topic shares ----------

    /** Values that are not one well-formed JSON object; {@code good} is a valid record of the topic. */
    private static List<Case> malformed(ObjectNode good) {
        String json = good.toString();
        String body = json.substring(1, json.length() - 1); // the members, without braces
        List<Case> cases = new ArrayList<>();
        cases.add(broken("syntax error", json.replace("\":\"", "\" \"")));
        cases.add(broken("unterminated object", json.substring(0, json.length() - 1)));
        cases.add(broken("trailing garbage", json + "x"));
        cases.add(broken("two objects", json + " " + json));
        cases.add(broken("array of the object", "[" + json + "]"));
        cases.add(broken("a string", "\"" + body.replace("\"", "'") + "\""));
        cases.add(broken("empty value", ""));
        cases.add(broken("whitespace only", "  \n"));
        cases.add(broken("single-quoted names", json.replace('"', '\'')));
        cases.add(broken("comment", "/* hi */" + json));
        byte[] latin1 = (json.substring(0, json.length() - 1) + ",\"note\":\"caf\u00e9\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        cases.add(new Case("invalid UTF-8 (Latin-1 byte)", latin1, null, Problem.MALFORMED_JSON, false));
        String firstField = good.fieldNames().next();
        cases.add(new Case(
                "known field given twice",
                bytes("{" + body + ",\"" + firstField + "\":" + good.get(firstField) + "}"),
                firstField,
                Problem.MALFORMED_JSON,
                false));
        cases.add(new Case(
                "field problem, then a syntax error",
                bytes("{\"" + firstField + "\":17," + body.substring(body.indexOf(',') + 1) + ",}"),
                null,
                Problem.MALFORMED_JSON,
                false));
        return cases;
    }

    /** Unknown fields must be skipped whatever their shape, including ones that reuse known names inside. */
    private static ObjectNode withUnknownFields(ObjectNode record) {
        ObjectNode nested = object("type", "NOT_A_TYPE", "ts", "never");
        nested.set(
                "deeper",
                NODES.arrayNode()
                        .add(object("event_id", 5))
                        .add(NODES.arrayNode().add(1).add("x")));
        record.set("x_nested", nested);
        record.set("x_array", NODES.arrayNode().add(nested.deepCopy()).addNull().add(3.5));
        record.put("x_string", "{\"type\":1}")
                .put("x_number", -1)
                .put("x_bool", false)
                .putNull("x_null");
        record.put("x_unicode", "\u00fc\u4e2d\ud83d\ude00");
        return record;
    }

    // ---------- building blocks ----------

    static ObjectNode object(Object... namesAndValues) {
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], MAPPER.valueToTree(namesAndValues[i + 1]));
        }
        return node;
    }

    static ObjectNode without(ObjectNode node, String field) {
        node.remove(field);
        return node;
    }

    private static ObjectNode withNode(ObjectNode node, String field, com.fasterxml.jackson.databind.JsonNode value) {
        node.set(field, value);
        return node;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Case accept(String name, ObjectNode record) {
        return new Case(name, bytes(record.toString()), null, null, true);
    }

    private static Case reject(String name, ObjectNode record, String field, Problem problem) {
        return new Case(name, bytes(record.toString()), field, problem, true);
    }

    private static Case notExpressible(String name, ObjectNode record, String field, Problem problem) {
        return new Case(name, bytes(record.toString()), field, problem, false);
    }

    private static Case broken(String name, String text) {
        return new Case(name, bytes(text), null, Problem.MALFORMED_JSON, false);
    }
}
