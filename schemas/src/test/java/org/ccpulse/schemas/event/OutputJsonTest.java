package org.ccpulse.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.ccpulse.schemas.JsonSchemas;
import org.ccpulse.schemas.parse.Problem;
import org.ccpulse.schemas.parse.Rejection;
import org.junit.jupiter.api.Test;

/** The output writers produce what their JSON Schema files describe. */
class OutputJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Schema CHURN_ALERT = JsonSchemas.load("churn-alert.schema.json");
    private static final Schema DEAD_LETTER = JsonSchemas.load("dead-letter.schema.json");
    private static final Schema COMPLAINT_SPIKE = JsonSchemas.load("complaint-spike.schema.json");
    private static final Instant AT = Instant.parse("2026-11-24T09:15:02.123Z");

    @Test
    void churnAlertCarriesEveryFieldWithWireSpellings() throws IOException {
        ChurnAlert alert = new ChurnAlert(
                "cu-1",
                "ca-7",
                ChurnAlertStatus.ESCALATED,
                AT,
                Tier.TOP,
                4,
                new BigDecimal("1200.50"),
                new BigDecimal("300.125"),
                91.25,
                120.5,
                -29.25,
                List.of(EscalationReason.COMPLAINT, EscalationReason.OPEN_TICKET));

        byte[] json = ChurnAlertJson.toJson(alert);

        assertThat(CHURN_ALERT.validate(text(json), InputFormat.JSON)).isEmpty();
        assertThat(MAPPER.readTree(json)).isEqualTo(MAPPER.readTree("""
                {"customer_id":"cu-1","event_id":"ca-7","status":"ESCALATED","ts":"2026-11-24T09:15:02.123Z",
                 "tier":"top","f":4,"tm":1200.50,"m":300.125,"p_days":91.25,"r_days":120.5,"delta_days":-29.25,
                 "escalation_reasons":["complaint","open_ticket"]}
                """));
        assertThat(text(json)).contains("\"tm\":1200.50"); // exact decimal, trailing zero kept
    }

    @Test
    void moneyIsWrittenAsAPlainDecimal() {
        ChurnAlert alert = new ChurnAlert(
                "cu-1",
                "ca-8",
                ChurnAlertStatus.OPENED,
                AT,
                Tier.HIGH,
                2,
                new BigDecimal("1E+3"),
                new BigDecimal("5E+2"),
                182.5,
                200,
                -17.5,
                List.of());

        String json = text(ChurnAlertJson.toJson(alert));

        assertThat(json).contains("\"tm\":1000,").contains("\"m\":500,").contains("\"escalation_reasons\":[]");
        assertThat(CHURN_ALERT.validate(json, InputFormat.JSON)).isEmpty();
    }

    @Test
    void complaintSpikeCarriesEveryFieldWithWireSpellings() throws IOException {
        ComplaintSpikeEvent spike = new ComplaintSpikeEvent(
                "7f0c7d5e-0000-3000-8000-000000000001",
                ComplaintSpikeStatus.OPENED,
                ComplaintSpikeLevel.CAUSE_GROUP,
                "company",
                Instant.parse("2026-11-24T09:00:00Z"),
                Instant.parse("2026-11-24T09:00:00Z"),
                24,
                6.25,
                15,
                4.5,
                true);

        byte[] json = ComplaintSpikeJson.toJson(spike);

        assertThat(COMPLAINT_SPIKE.validate(text(json), InputFormat.JSON)).isEmpty();
        assertThat(MAPPER.readTree(json)).isEqualTo(MAPPER.readTree("""
                {"spike_id":"7f0c7d5e-0000-3000-8000-000000000001","status":"OPENED","level":"cause_group",
                 "key":"company","hour_start":"2026-11-24T09:00:00Z","opened_hour":"2026-11-24T09:00:00Z",
                 "observed":24,"expected":6.25,"bound":15,"score":4.5,"partial":true}
                """));
    }

    @Test
    void aComplaintSpikeWhoseHourWasUnknownHasNoExpectedCount() throws IOException {
        ComplaintSpikeEvent spike = new ComplaintSpikeEvent(
                "s-1",
                ComplaintSpikeStatus.CLOSED,
                ComplaintSpikeLevel.CAUSE,
                "company.billing",
                Instant.parse("2026-11-24T11:00:00Z"),
                Instant.parse("2026-11-24T09:00:00Z"),
                0,
                Double.NaN,
                -1,
                0.0,
                false);

        String json = text(ComplaintSpikeJson.toJson(spike));

        assertThat(COMPLAINT_SPIKE.validate(json, InputFormat.JSON)).isEmpty();
        assertThat(MAPPER.readTree(json).get("expected").isNull()).isTrue();
        assertThat(MAPPER.readTree(json).get("level").asText()).isEqualTo("cause");
    }

    @Test
    void deadLetterKeepsAUtf8ValueAsText() throws IOException {
        byte[] raw = "{\"event_id\":\"é-1\",\"talk_s\":-3}".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetter.of(
                "contact-events", 2, 4711L, raw, new Rejection("talk_s", Problem.NEGATIVE_DURATION, "-3"), AT);

        byte[] json = DeadLetterJson.toJson(letter);

        assertThat(DEAD_LETTER.validate(text(json), InputFormat.JSON)).isEmpty();
        assertThat(MAPPER.readTree(json)).isEqualTo(MAPPER.readTree("""
                {"source_topic":"contact-events","partition":2,"offset":4711,
                 "raw_value":"{\\"event_id\\":\\"é-1\\",\\"talk_s\\":-3}","raw_value_encoding":"utf8",
                 "raw_value_length":31,
                 "raw_value_sha256":"%s",
                 "raw_value_truncated":false,
                 "reason":"talk_s: NEGATIVE_DURATION (-3)","problem":"NEGATIVE_DURATION","field":"talk_s",
                 "rejected_at":"2026-11-24T09:15:02.123Z"}
                """.formatted(sha256(raw))));
    }

    @Test
    void deadLetterOfALargeValueCarriesItsFirst8KiBWithTheWholeLengthAndHash() throws IOException {
        byte[] raw =
                ("{\"event_id\":\"e-1\",\"pad\":\"" + "x".repeat(700_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetter.of("contact-events", 0, 7L, raw, Rejection.oversized(raw.length, 65_536), AT);

        byte[] json = DeadLetterJson.toJson(letter);

        assertThat(DEAD_LETTER.validate(text(json), InputFormat.JSON)).isEmpty();
        JsonNode node = MAPPER.readTree(json);
        assertThat(node.get("raw_value").asText())
                .isEqualTo(new String(raw, 0, RawValue.PREFIX_BYTES, StandardCharsets.UTF_8));
        assertThat(node.get("raw_value_encoding").asText()).isEqualTo("utf8");
        assertThat(node.get("raw_value_length").asLong()).isEqualTo(raw.length);
        assertThat(node.get("raw_value_sha256").asText()).isEqualTo(sha256(raw));
        assertThat(node.get("raw_value_truncated").asBoolean()).isTrue();
        assertThat(node.get("problem").asText()).isEqualTo("OVERSIZED");
        assertThat(json.length).isLessThan(RawValue.PREFIX_BYTES + 1_000);
    }

    /**
     * The largest a dead letter gets, whatever the record: 5 MB of control characters (each escaped
     * to six bytes in JSON) or of bytes that are not UTF-8 (base64) still give less than 64 KiB.
     */
    @Test
    void noValueMakesADeadLetterLargerThan64KiB() throws IOException {
        byte[] control = new byte[5_000_000];
        Arrays.fill(control, (byte) 1);
        byte[] notUtf8 = new byte[5_000_000];
        Arrays.fill(notUtf8, (byte) 0xFF);
        for (byte[] raw : List.of(control, notUtf8)) {
            DeadLetter letter = DeadLetter.of(
                    "c".repeat(249),
                    Integer.MAX_VALUE,
                    Long.MAX_VALUE,
                    raw,
                    Rejection.oversized(raw.length, 65_536),
                    AT);

            byte[] json = DeadLetterJson.toJson(letter);

            assertThat(json.length).isLessThan(64 * 1024);
            assertThat(DEAD_LETTER.validate(text(json), InputFormat.JSON)).isEmpty();
            assertThat(MAPPER.readTree(json).get("raw_value_length").asLong()).isEqualTo(5_000_000);
        }
    }

    @Test
    void deadLetterCarriesANonUtf8ValueAsBase64WithoutLosingAByte() throws IOException {
        byte[] raw = {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}', (byte) 0xFF};
        DeadLetter letter =
                DeadLetter.of("orders", 0, 1L, raw, new Rejection(null, Problem.MALFORMED_JSON, "not valid UTF-8"), AT);

        JsonNode json = MAPPER.readTree(DeadLetterJson.toJson(letter));

        assertThat(DEAD_LETTER.validate(json.toString(), InputFormat.JSON)).isEmpty();
        assertThat(json.get("raw_value_encoding").asText()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(json.get("raw_value").asText())).isEqualTo(raw);
        assertThat(json.get("field").isNull()).isTrue();
        assertThat(json.get("reason").asText()).isEqualTo("record: MALFORMED_JSON (not valid UTF-8)");
    }

    @Test
    void deadLetterOfARecordWithoutValue() throws IOException {
        DeadLetter letter = DeadLetter.of("tickets", 1, 9L, (byte[]) null, Rejection.tombstone(), AT);

        JsonNode json = MAPPER.readTree(DeadLetterJson.toJson(letter));

        assertThat(DEAD_LETTER.validate(json.toString(), InputFormat.JSON)).isEmpty();
        assertThat(json.get("raw_value").isNull()).isTrue();
        assertThat(json.get("raw_value_encoding").isNull()).isTrue();
        assertThat(json.get("raw_value_length").isNull()).isTrue();
        assertThat(json.get("raw_value_sha256").isNull()).isTrue();
        assertThat(json.get("raw_value_truncated").asBoolean()).isFalse();
        assertThat(json.get("problem").asText()).isEqualTo("TOMBSTONE");
        assertThat(json.get("reason").asText()).isEqualTo("record: TOMBSTONE (no value)");
    }

    @Test
    void deadLetterOfAnEmptyValue() throws IOException {
        DeadLetter letter = DeadLetter.of(
                "tickets", 1, 10L, new byte[0], new Rejection(null, Problem.MALFORMED_JSON, "empty value"), AT);

        JsonNode json = MAPPER.readTree(DeadLetterJson.toJson(letter));

        assertThat(DEAD_LETTER.validate(json.toString(), InputFormat.JSON)).isEmpty();
        assertThat(json.get("raw_value").asText()).isEmpty();
        assertThat(json.get("raw_value_length").asLong()).isZero();
        assertThat(json.get("raw_value_sha256").asText())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
