package org.ccpulse.schemas.event;

/** The {@code complaint-spikes} record value (schemas/json/complaint-spike.schema.json) for a {@link ComplaintSpikeEvent}. */
public final class ComplaintSpikeJson {
    private ComplaintSpikeJson() {}

    public static byte[] toJson(ComplaintSpikeEvent spike) {
        return JsonBytes.object(out -> {
            out.writeStringField("spike_id", spike.spikeId());
            out.writeStringField("status", spike.status().wire());
            out.writeStringField("level", spike.level().wire());
            out.writeStringField("key", spike.key());
            out.writeStringField("hour_start", spike.hourStart().toString());
            out.writeStringField("opened_hour", spike.openedHour().toString());
            out.writeNumberField("observed", spike.observed());
            if (Double.isFinite(spike.expected())) {
                out.writeNumberField("expected", spike.expected());
            } else {
                out.writeNullField("expected");
            }
            out.writeNumberField("bound", spike.bound());
            out.writeNumberField("score", Double.isFinite(spike.score()) ? spike.score() : 0.0);
            out.writeBooleanField("partial", spike.partial());
        });
    }
}
