package dev.driftline.streams.modelquality;


import dev.driftline.streams.TestDrivers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.streams.TestEvents;
import dev.driftline.streams.window.LateRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/** The ingest topology (with model quality) in a TopologyTestDriver: pipe inference pairs and labels, read figures. */
final class ModelQualityHarness implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z"); // a 5-minute boundary
    final Topics topics = new Topics();
    final ModelQualityCounters counters = new ModelQualityCounters();
    final LateRecords late = new LateRecords();
    final Topology topology;
    private final ObjectMapper mapper = new ObjectMapper();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> events;
    private final TestInputTopic<String, byte[]> labels;
    private final TestOutputTopic<String, byte[]> quality;
    private final TestOutputTopic<String, byte[]> alerts;

    ModelQualityHarness(ModelQualityConfig config) {
        Properties p = TestDrivers.properties("quality-test", topics);
        topology = DriftlineTopology.build(new StreamsBuilder(), PipelineConfig.defaults(topics)
                .withModelQuality(config), new PipelineInstruments(late, counters, Optional.empty()));
        driver = new TopologyTestDriver(topology, p, T0);
        events = driver.createInputTopic(topics.inferenceEvents.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        labels = driver.createInputTopic(topics.labels.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        quality = driver.createOutputTopic(topics.modelQuality.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        alerts = driver.createOutputTopic(topics.alerts.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    /** One request/response pair (V1) whose rows have the given predictions (JSON literals). */
    void inference(String id, String model, Instant time, String... predictions) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < predictions.length; i++) {
            rows.append(i == 0 ? "" : ",").append("[").append(i).append(".5, 2.0]");
        }
        TestEvents.pipe(events, id, model, TestEvents.REQUEST, time, "{\"instances\":[" + rows + "]}");
        TestEvents.pipe(events, id, model, TestEvents.RESPONSE, time,
                "{\"predictions\":[" + String.join(",", predictions) + "]}");
    }

    /**
     * One request (V1) / response (V2, with {@code model_version}) pair of one row predicting {@code score}: the
     * version comes from the response as KServe's V2 protocol reports it.
     */
    void versioned(String id, String model, String version, Instant time, double score) {
        TestEvents.pipe(events, id, model, TestEvents.REQUEST, time, "{\"instances\":[[0.5, 2.0]]}");
        TestEvents.pipe(events, id, model, TestEvents.RESPONSE, time, "{\"model_name\":\"" + model
                + "\",\"model_version\":\"" + version + "\",\"outputs\":[{\"name\":\"score\",\"shape\":[1],"
                + "\"datatype\":\"FP64\",\"data\":[" + score + "]}]}");
    }

    /**
     * One V1 request/response pair of one row predicting {@code score}, both events from KServe revision {@code
     * endpoint} (header {@code ce_endpoint}): V1 has no version field, so the version is that label.
     */
    void fromEndpoint(String id, String model, String endpoint, Instant time, double score) {
        TestEvents.pipe(events, id, model, TestEvents.REQUEST, time, "{\"instances\":[[0.5, 2.0]]}", endpoint);
        TestEvents.pipe(events, id, model, TestEvents.RESPONSE, time, "{\"predictions\":[" + score + "]}", endpoint);
    }

    /** A label (JSON literal) for row {@code row} of inference {@code id}, arriving at {@code arrival}. */
    void label(String id, int row, String model, String label, Instant arrival) {
        labelValue(id, "{\"inference_id\":\"" + id + "\",\"row\":" + row + ",\"model\":\"" + model
                + "\",\"label\":" + label + ",\"event_time\":\"" + T0 + "\"}", arrival);
    }

    void labelValue(String key, String value, Instant arrival) {
        labels.pipeInput(new TestRecord<>(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), null,
                arrival));
    }

    /** The label join's store, to set up state as an earlier version left it. */
    KeyValueStore<String, byte[]> joinStore() {
        return driver.getKeyValueStore(LabelJoinProcessor.STORE);
    }

    /** Lets one emission interval of wall clock pass and returns what was emitted. */
    List<TestRecord<String, JsonNode>> tick() {
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        return read();
    }

    List<TestRecord<String, JsonNode>> read() {
        return parsed(quality);
    }

    /** The alerts emitted so far (the alerts stage reads the model-quality topic in the same topology). */
    List<TestRecord<String, JsonNode>> alerts() {
        return parsed(alerts);
    }

    private List<TestRecord<String, JsonNode>> parsed(TestOutputTopic<String, byte[]> topic) {
        List<TestRecord<String, JsonNode>> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : topic.readRecordsToList()) {
            try {
                out.add(new TestRecord<>(r.key(), mapper.readTree(r.value()), r.headers(), r.getRecordTime()));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }

    @Override
    public void close() {
        driver.close();
    }
}
