package dev.driftline.streams.normalize;


import dev.driftline.streams.TestDrivers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.drift.io.Table;
import dev.driftline.contracts.inference.InferenceRowsCodec;
import dev.driftline.drift.model.InferenceRecord;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.TestEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Positional payloads get the column names of the model's published baseline. */
class BaselineSchemasTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private final Topics topics = new Topics();
    private final ObjectMapper mapper = new ObjectMapper();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> records;

    @BeforeEach
    void setUp() throws Exception {
        Properties p = TestDrivers.properties("schemas-test", topics);
        driver = new TopologyTestDriver(DriftlineTopology.build(new StreamsBuilder(),
                PipelineConfig.defaults(topics), PipelineInstruments.none()), p, T0);
        events = driver.createInputTopic(topics.inferenceEvents.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        records = driver.createOutputTopic(topics.inferenceRecords.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        publishBaseline("train.csv", List.of("sepal", "petal", "species"), 200, 7);
    }

    /** Publishes an iris baseline built from {@code n} rows of the two feature columns and the label column. */
    private void publishBaseline(String file, List<String> columns, int n, int petalValues) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {Double.toString(i * 0.1), Integer.toString(i % petalValues),
                Integer.toString(i % 2)});
            lines.add((long) i + 2);
        }
        Baseline b = new BaselineBuilder(Clock.fixed(T0, ZoneOffset.UTC)).build(new Table(file, columns, rows, lines),
                "iris", Optional.empty(), Optional.empty(), Optional.of(columns.get(2)), Map.of());
        driver.createInputTopic(topics.baselines.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("iris", mapper.writeValueAsBytes(BaselineCodec.toJson(b, mapper)));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** The one row of an event's value (InferenceRowsCodec: one value per event, these events have one row). */
    private static InferenceRecord onlyRow(byte[] value) {
        List<InferenceRecord> rows = InferenceRowsCodec.INSTANCE.decode(value);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private void send(String id, String type, String body) {
        TestEvents.pipe(events, id, "iris", type, T0, body);
    }

    @Test
    void positionalRowsAndScalarPredictionsTakeTheBaselineNames() throws Exception {
        send("p1", TestEvents.REQUEST, "{\"instances\":[[5.1, 3]]}");
        send("p1", TestEvents.RESPONSE, "{\"predictions\":[1]}");
        InferenceRecord r = onlyRow(records.readValue());
        assertThat(r.features()).containsOnlyKeys("sepal", "petal").containsEntry("sepal", 5.1);
        assertThat(r.predictions()).containsOnlyKeys("species").containsEntry("species", 1L);
    }

    @Test
    void aPayloadThatDoesNotFitTheSchemaKeepsDefaultNamesInsteadOfBeingDeadLettered() throws Exception {
        send("p2", TestEvents.REQUEST, "{\"instances\":[[5.1, 3, 7]]}");
        send("p2", TestEvents.RESPONSE, "{\"predictions\":[1]}");
        InferenceRecord r = onlyRow(records.readValue());
        assertThat(r.features()).containsOnlyKeys("_c0", "_c1", "_c2");
    }

    @Test
    void aNewBaselineRenamesTheColumnsFromTheNextEventOn() throws Exception {
        send("p3", TestEvents.REQUEST, "{\"instances\":[[5.1, 3]]}");
        send("p3", TestEvents.RESPONSE, "{\"predictions\":[1]}");
        assertThat(onlyRow(records.readValue()).features())
                .containsOnlyKeys("sepal", "petal");
        publishBaseline("train2.csv", List.of("width", "height", "species"), 50, 3);
        send("p4", TestEvents.REQUEST, "{\"instances\":[[5.1, 3]]}");
        send("p4", TestEvents.RESPONSE, "{\"predictions\":[1]}");
        assertThat(onlyRow(records.readValue()).features())
                .containsOnlyKeys("width", "height");
    }

    @Test
    void anUnreadableBaselineLeavesDefaultNamesAndTheTaskRunning() throws Exception {
        driver.createInputTopic(topics.baselines.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer())
                .pipeInput("iris", "{\"format\": \"driftline-baseline\", \"version\": 1, \"features\": [{\"name\": \"a\","
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        send("p5", TestEvents.REQUEST, "{\"instances\":[[5.1, 3]]}");
        send("p5", TestEvents.RESPONSE, "{\"predictions\":[1]}");
        assertThat(onlyRow(records.readValue()).features()).containsOnlyKeys("_c0", "_c1");
        publishBaseline("train3.csv", List.of("sepal", "petal", "species"), 50, 3);
        send("p6", TestEvents.REQUEST, "{\"instances\":[[5.1, 3]]}");
        send("p6", TestEvents.RESPONSE, "{\"predictions\":[1]}");
        assertThat(onlyRow(records.readValue()).features()).containsOnlyKeys("sepal", "petal");
    }
}
