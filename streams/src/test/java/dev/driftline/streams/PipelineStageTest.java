package dev.driftline.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.driftline.contracts.Topics;
import dev.driftline.streams.modelquality.ModelQualityCounters;
import dev.driftline.streams.window.LateRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** The pipeline built up to each stage ({@code bench pipeline --up-to}): each rung adds its part and nothing else. */
class PipelineStageTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final Topics topics = new Topics();

    private Topology build(PipelineStage upTo) {
        return DriftlineTopology.build(new StreamsBuilder(), PipelineConfig.defaults(topics),
                new PipelineInstruments(new LateRecords(), new ModelQualityCounters(), Optional.empty()), upTo);
    }

    private static Set<String> nodes(Topology t) {
        Set<String> names = new TreeSet<>();
        for (TopologyDescription.Subtopology s : t.describe().subtopologies()) {
            s.nodes().forEach(n -> names.add(n.name()));
        }
        return names;
    }

    @Test
    void eachStageAddsItsPartToTheOnesBefore() {
        assertThat(nodes(build(PipelineStage.PAIRING))).contains("pair-and-dedupe")
                .doesNotContain("normalize", "write-records", "window-profile", "join-labels");
        assertThat(nodes(build(PipelineStage.NORMALIZE))).contains("pair-and-dedupe", "normalize")
                .doesNotContain("write-records", "write-deadletter", "window-profile", "join-labels");
        assertThat(nodes(build(PipelineStage.WINDOW))).contains("normalize", "window-profile",
                        "merge-window-partials", "evaluate-drift", "alerts-from-drift")
                .doesNotContain("write-records", "write-deadletter", "join-labels");
        assertThat(nodes(build(PipelineStage.RECORDS))).contains("window-profile", "write-records",
                "write-deadletter").doesNotContain("join-labels", "aggregate-quality");
        assertThat(nodes(build(PipelineStage.ALL))).contains("write-records", "join-labels", "aggregate-quality");
    }

    @Test
    void theWholePipelineIsWhatTheServiceBuilds() {
        Topology service = DriftlineTopology.build(new StreamsBuilder(), PipelineConfig.defaults(topics),
                new PipelineInstruments(new LateRecords(), new ModelQualityCounters(), Optional.empty()));
        assertThat(build(PipelineStage.ALL).describe().toString()).isEqualTo(service.describe().toString());
    }

    @Test
    void recordsAreWrittenFromTheRecordsStageOn() {
        assertThat(recordsWritten(PipelineStage.NORMALIZE)).isZero();
        assertThat(recordsWritten(PipelineStage.WINDOW)).isZero();
        assertThat(recordsWritten(PipelineStage.RECORDS)).isEqualTo(1);
        assertThat(recordsWritten(PipelineStage.ALL)).isEqualTo(1);
    }

    /** inference.records values written for one paired inference of two rows. */
    private long recordsWritten(PipelineStage upTo) {
        try (TopologyTestDriver d = new TopologyTestDriver(build(upTo),
                TestDrivers.properties("stage-" + upTo.label(), topics), T0)) {
            TestInputTopic<String, byte[]> events = d.createInputTopic(topics.inferenceEvents.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());
            TestEvents.pipe(events, "e1", "iris", TestEvents.REQUEST, T0.plusSeconds(1), "{\"inputs\":[{\"name\":"
                    + "\"x\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[1.5,2.5]}]}");
            TestEvents.pipe(events, "e1", "iris", TestEvents.RESPONSE, T0.plusSeconds(1), "{\"outputs\":[{\"name\":"
                    + "\"y\",\"shape\":[2],\"datatype\":\"FP64\",\"data\":[0.1,0.9]}]}");
            d.advanceWallClockTime(Duration.ofSeconds(1));
            return d.createOutputTopic(topics.inferenceRecords.name(), Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer()).readRecordsToList().size();
        }
    }

    @Test
    void stagesParseByNameInAnyCase() {
        assertThat(PipelineStage.parse(" Normalize ")).isEqualTo(PipelineStage.NORMALIZE);
        assertThat(PipelineStage.names()).isEqualTo("pairing, normalize, window, records, all");
        assertThat(Arrays.stream(PipelineStage.values()).filter(s -> s.includes(PipelineStage.WINDOW)))
                .containsExactly(PipelineStage.WINDOW, PipelineStage.RECORDS, PipelineStage.ALL);
        assertThatThrownBy(() -> PipelineStage.parse("merge")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'merge' is not a pipeline stage: pairing, normalize, window, records, all");
    }
}
