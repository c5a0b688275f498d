package org.ccpulse.jobs.complaints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The detector's state in Flink: a Kryo-free POJO of fixed size; and its settings. */
class SpikeStateTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static SerializerConfigImpl noGenericTypes() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return config;
    }

    static <T> byte[] serialize(TypeSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    static SpikeBaseline afterWeeks(int weeks) {
        SpikeDetector detector = new SpikeDetector(SpikeSettings.DEFAULTS, BERLIN);
        SpikeBaseline s = SpikeBaseline.create(SpikeLevel.CAUSE_GROUP, "billing");
        SeasonalTraffic traffic = new SeasonalTraffic(10, 5);
        ZonedDateTime h = LocalDate.of(2025, 1, 6).atStartOfDay(BERLIN);
        for (ZonedDateTime end = h.plusWeeks(weeks); h.isBefore(end); h = h.plusHours(1)) {
            detector.observeHour(s, h.toInstant().toEpochMilli(), traffic.sample(traffic.rate(h)));
        }
        // Leave a spike open, so the episode is part of what is serialized.
        detector.observeHour(s, h.toInstant().toEpochMilli(), 200);
        return s;
    }

    @Test
    void theBaselineRoundTripsThroughFlinksPojoSerializerWithoutKryo() throws IOException {
        TypeInformation<SpikeBaseline> type = TypeInformation.of(SpikeBaseline.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<SpikeBaseline> serializer = type.createSerializer(noGenericTypes()); // throws on any Kryo field
        assertThat(serializer).isInstanceOf(PojoSerializer.class);

        SpikeBaseline s = afterWeeks(3);
        assertThat(s.isOpen()).isTrue();
        byte[] bytes = serialize(serializer, s);
        SpikeBaseline copy = serializer.deserialize(new DataInputDeserializer(bytes));
        assertThat(copy).usingRecursiveComparison().isEqualTo(s);

        // The events and decisions a job emits are Kryo-free too.
        TypeInformation.of(ComplaintSpike.class).createSerializer(noGenericTypes());
    }

    @Test
    void theStateDoesNotGrowWithTime() throws IOException {
        TypeSerializer<SpikeBaseline> serializer =
                TypeInformation.of(SpikeBaseline.class).createSerializer(noGenericTypes());
        int afterThree = serialize(serializer, afterWeeks(3)).length;
        int afterTwenty = serialize(serializer, afterWeeks(20)).length;
        System.out.printf("SpikeBaseline serialized: %d bytes after 3 weeks, %d after 20%n", afterThree, afterTwenty);
        assertThat(afterTwenty).isEqualTo(afterThree).isLessThan(8 * 1024);
    }

    @Test
    void thePendingHoursKeepTheMinuteOfEachComplaintAndRoundTripWithoutKryo() throws IOException {
        long h0 = 1_700_002_800_000L; // whole hours
        long h1 = h0 + 3_600_000L;
        PendingHours p = new PendingHours();
        p.add(h1, 30);
        p.add(h0, 59);
        p.add(h0, 0);
        p.add(h1, 2);
        p.add(h0, 0);
        assertThat(p.countOf(h0)).isEqualTo(3);
        long[] byMinute = p.countsByMinute(h0);
        assertThat(byMinute[0]).isEqualTo(2);
        assertThat(byMinute[58]).isEqualTo(2);
        assertThat(byMinute[59]).isEqualTo(3);
        assertThat(p.countsByMinute(h1)[29]).isEqualTo(1);

        TypeInformation<PendingHours> type = TypeInformation.of(PendingHours.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<PendingHours> serializer = type.createSerializer(noGenericTypes());
        PendingHours copy = serializer.deserialize(new DataInputDeserializer(serialize(serializer, p)));
        assertThat(copy).usingRecursiveComparison().isEqualTo(p);

        copy.dropFirst(1);
        assertThat(copy.countsByMinute(h1)).startsWith(0, 0, 1).contains(2L, org.assertj.core.data.Index.atIndex(30));
        assertThat(copy.countsByMinute(h0)).containsOnly(0L);
    }

    @Test
    void pendingHoursFromBeforeTheMinutesWereKeptCountOnWithoutThem() {
        long h0 = 1_700_002_800_000L;
        PendingHours restored = new PendingHours(); // as an older state restores: counts, no minutes
        restored.hours = new long[] {h0};
        restored.counts = new long[] {4};
        assertThat(restored.add(h0, 10)).isEqualTo(5);
        assertThat(restored.add(h0 + 3_600_000L, 10)).isEqualTo(1);
        assertThat(restored.countsByMinute(h0)).as("minutes unknown").isNull();

        restored.dropFirst(2);
        restored.add(h0 + 7_200_000L, 10);
        assertThat(restored.countsByMinute(h0 + 7_200_000L)[10])
                .as("known again once its hours are gone")
                .isEqualTo(1);
    }

    @Test
    void aComplaintSpikeRoundTrips() throws IOException {
        TypeSerializer<ComplaintSpike> serializer =
                TypeInformation.of(ComplaintSpike.class).createSerializer(noGenericTypes());
        ComplaintSpike e = new ComplaintSpike(
                ComplaintSpike.spikeId(SpikeLevel.CAUSE, "a", 1L),
                SpikeLevel.CAUSE,
                "a",
                ComplaintSpike.Status.OPENED,
                1L,
                30,
                9.5,
                21,
                5.2,
                1L,
                true);
        assertThat(serializer.deserialize(new DataInputDeserializer(serialize(serializer, e))))
                .isEqualTo(e);
    }

    @Test
    void spikeIdsAreStablePerLevelKeyAndOpeningHour() {
        String id = ComplaintSpike.spikeId(SpikeLevel.CAUSE, "billing", 1_700_000_000_000L);
        assertThat(ComplaintSpike.spikeId(SpikeLevel.CAUSE, "billing", 1_700_000_000_000L))
                .isEqualTo(id);
        assertThat(List.of(
                        ComplaintSpike.spikeId(SpikeLevel.CAUSE_GROUP, "billing", 1_700_000_000_000L),
                        ComplaintSpike.spikeId(SpikeLevel.CAUSE, "billing2", 1_700_000_000_000L),
                        ComplaintSpike.spikeId(SpikeLevel.CAUSE, "billing", 1_700_003_600_000L)))
                .doesNotContain(id)
                .doesNotHaveDuplicates();
    }

    @Test
    void settingsFromYamlWithDefaultsAndValidation() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        assertThat(SpikeSettings.fromYaml(null, "complaints.spikes")).isEqualTo(SpikeSettings.DEFAULTS);
        assertThat(SpikeSettings.fromYaml(yaml.readTree("{}"), "complaints.spikes"))
                .isEqualTo(SpikeSettings.DEFAULTS);
        SpikeSettings s = SpikeSettings.fromYaml(
                yaml.readTree("tail_probability: 0.0001\nmin_count: 8\nwarmup_weeks: 3\n"), "complaints.spikes");
        assertThat(s).isEqualTo(new SpikeSettings(0.0001, 0.90, 8, 2.0, 3, 4.0, 2.0));
        assertThat(SpikeSettings.DEFAULTS.weeklyAlpha())
                .isCloseTo(1 - Math.pow(0.5, 0.25), org.assertj.core.data.Offset.offset(1e-12));

        assertThatThrownBy(() -> SpikeSettings.fromYaml(yaml.readTree("min_cuont: 3"), "complaints.spikes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("complaints.spikes")
                .hasMessageContaining("min_cuont");
        assertThatThrownBy(() -> SpikeSettings.fromYaml(yaml.readTree("tail_probability: 0.7"), "complaints.spikes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("complaints.spikes.tail_probability");
        assertThatThrownBy(() -> new SpikeSettings(0.001, 0.9, 0, 2, 2, 4, 2)).hasMessageContaining("min_count");
    }
}
