package dev.driftline.streams.alerts;


import dev.driftline.streams.TestDrivers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.driftline.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver around {@link AlertTopology} plus builders of input JSON in the documented schemas. */
final class AlertDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Duration SIZE = Duration.ofMinutes(5);
    static final String APP = "alerts-test";
    static final ObjectMapper MAPPER = new ObjectMapper();

    final Topics topics = new Topics();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> drift;
    final TestInputTopic<String, byte[]> quality;
    final TestOutputTopic<String, byte[]> alerts;
    /** Its own state directory, so that two drivers (or parallel builds) never share a RocksDB lock. */
    private final Path stateDir;

    AlertDriver(AlertConfig config) {
        try {
            stateDir = Files.createTempDirectory("alerts-test-state");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Properties p = TestDrivers.properties(APP, topics);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsBuilder b = new StreamsBuilder();
        AlertTopology.addTo(b, topics, config);
        driver = new TopologyTestDriver(b.build(), p, T0);
        drift = driver.createInputTopic(topics.drift.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        quality = driver.createInputTopic(topics.modelQuality.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        alerts = driver.createOutputTopic(topics.alerts.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    AlertDriver() {
        this(AlertConfig.defaults());
    }

    static Instant start(int window) {
        return T0.plus(SIZE.multipliedBy(window));
    }

    /** Pipes a drift report (record timestamp = window start, as the evaluation writes it). */
    void report(String model, byte[] json) {
        JsonNode n = parse(json);
        drift.pipeInput(new TestRecord<>(model, json, Instant.parse(n.get("window_start").asText())));
    }

    /** A model-quality window as written before {@code model_version} existed (= the model's, all versions). */
    void quality(String model, int window, int version, String status, double value) {
        quality(model, null, window, version, status, value);
    }

    /** A model-quality window of one model version ({@code modelVersion} "" = all, null = the field absent). */
    void quality(String model, String modelVersion, int window, int version, String status, double value) {
        ObjectNode q = MAPPER.createObjectNode().put("schema_version", 1).put("model", model)
                .put("window_start", start(window).toString()).put("window_end", start(window + 1).toString())
                .put("version", version).put("problem_type", "binary_classification").put("labelled_rows", 420)
                .put("dropped_labels", 0);
        q.putObject("metrics").put("accuracy", value).put("f1", value - 0.05);
        q.put("metric", "accuracy").put("value", value).put("threshold", 0.8).put("status", status)
                .put("updated_at", start(window + 3).toString());
        if (modelVersion != null) {
            q.put("model_version", modelVersion);
        }
        quality.pipeInput(new TestRecord<>(model, bytes(q), start(window)));
    }

    /** Every alert emitted so far, parsed. */
    List<JsonNode> read() {
        List<JsonNode> out = new ArrayList<>();
        while (!alerts.isEmpty()) {
            TestRecord<String, byte[]> r = alerts.readRecord();
            JsonNode n = parse(r.value());
            if (!r.key().equals(n.get("model").asText())) {
                throw new AssertionError("alert key " + r.key() + " is not its model");
            }
            out.add(n);
        }
        return out;
    }

    @Override
    public void close() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A hand-written evaluated drift report in DriftReportCodec's schema; add columns and violations to it. */
    static final class Report {
        final ObjectNode root = MAPPER.createObjectNode();
        private final ObjectNode features;
        private final ArrayNode violations;

        Report(String model, int window, int revision) {
            root.put("schema_version", 1).put("model", model).put("window_start", start(window).toString())
                    .put("window_end", start(window + 1).toString()).put("revision", revision).put("rows", 500)
                    .put("status", "evaluated").put("baseline_created_at", "2026-11-01T00:00:00Z");
            features = root.putObject("features");
            root.put("dataset_drift", false).put("drifted_features", 0).put("judged_features", 0)
                    .put("drifted_share", 0.0);
            violations = root.putArray("violations");
        }

        /** A numeric KS column; status drift / no_drift / insufficient_data. */
        Report column(String name, String role, String status) {
            boolean drift = "drift".equals(status);
            ObjectNode f = features.putObject(name).put("type", "numeric").put("role", role)
                    .put("n_reference", 3000).put("n_current", 500).put("ks_statistic", drift ? 0.4 : 0.03)
                    .put("ks_pvalue", drift ? 1e-9 : 0.6).put("wasserstein_norm", drift ? 1.0 : 0.02)
                    .put("jensen_shannon", 0.05).put("feature_type", "fractional").put("missing_current", 0)
                    .put("type_mismatches_current", 0).put("method", "ks");
            if ("insufficient_data".equals(status)) {
                f.putNull("threshold");
            } else {
                f.put("threshold", 0.002 / 3);
            }
            f.put("status", status).put("drift", drift);
            return this;
        }

        Report feature(String name, String status) {
            return column(name, "feature", status);
        }

        Report violation(String feature, String check, String description) {
            violations.addObject().put("feature_name", feature).put("constraint_check_type", check)
                    .put("description", description);
            return this;
        }

        Report datasetDrift() {
            root.put("dataset_drift", true);
            return this;
        }

        Report status(String status) {
            root.put("status", status);
            return this;
        }

        byte[] json() {
            return bytes(root);
        }
    }

    static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException ex) {
            throw new IllegalArgumentException("not an alert JSON: " + ex.getMessage(), ex);
        }
    }
}
