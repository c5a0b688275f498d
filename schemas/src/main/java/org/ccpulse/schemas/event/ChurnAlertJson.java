package org.ccpulse.schemas.event;

/** The {@code churn-alerts} record value (schemas/json/churn-alert.schema.json) for a {@link ChurnAlert}. */
public final class ChurnAlertJson {
    private ChurnAlertJson() {}

    public static byte[] toJson(ChurnAlert alert) {
        return JsonBytes.object(out -> {
            out.writeStringField("customer_id", alert.customerId());
            out.writeStringField("event_id", alert.eventId());
            out.writeStringField("status", alert.status().wire());
            out.writeStringField("ts", alert.ts().toString());
            out.writeStringField("tier", alert.tier().wire());
            out.writeNumberField("f", alert.f());
            out.writeNumberField("tm", alert.tm());
            out.writeNumberField("m", alert.m());
            out.writeNumberField("p_days", alert.pDays());
            out.writeNumberField("r_days", alert.rDays());
            out.writeNumberField("delta_days", alert.deltaDays());
            out.writeArrayFieldStart("escalation_reasons");
            for (EscalationReason reason : alert.escalationReasons()) {
                out.writeString(reason.wire());
            }
            out.writeEndArray();
        });
    }
}
