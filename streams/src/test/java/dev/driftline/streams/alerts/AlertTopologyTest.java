package dev.driftline.streams.alerts;

import static dev.driftline.streams.alerts.AlertDriver.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.io.Table;
import dev.driftline.streams.alerts.AlertDriver.Report;
import dev.driftline.contracts.drift.DriftReportCodec;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.streams.evaluate.DriftEvaluator;
import dev.driftline.streams.evaluate.ReferenceMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Real drift reports, the alert JSON, determinism, restarts, naming and configuration. */
class AlertTopologyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String[] CITIES = {"Oslo", "Lima", "Pune"};

    /** 3,000 training rows: x ~ N(0, 1), city of three values, prediction score ~ U(0, 1). */
    private static Baseline baseline() {
        Random rnd = new Random(7);
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(new Object[] {rnd.nextGaussian(), CITIES[rnd.nextInt(CITIES.length)], rnd.nextDouble()});
            lines.add(i + 2L);
        }
        return new BaselineBuilder(CLOCK).build(new Table("train.csv", List.of("x", "city", "score"), rows, lines),
                "churn", Optional.empty(), Optional.empty(), Optional.of("score"), Map.of());
    }

    /** The drift evaluation's report of a 500-row window of "churn" with x shifted by {@code shift}. */
    private static byte[] evaluated(Baseline b, int window, double shift, long seed) {
        Random rnd = new Random(seed);
        PartialWindow w = new PartialWindow("churn", start(window).toEpochMilli(), start(window + 1).toEpochMilli());
        for (int i = 0; i < 500; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", rnd.nextGaussian() + shift);
            row.put("city", CITIES[rnd.nextInt(CITIES.length)]);
            row.put(PartialWindow.PREDICTION_PREFIX + "score", rnd.nextDouble());
            w.addRow(row);
        }
        return DriftReportCodec.INSTANCE.encode(DriftEvaluator.evaluate(MergedWindow.of(w, 2, 1), b,
                DriftPolicy.defaults(), ReferenceMode.BASELINE, List.of()));
    }

    private static List<JsonNode> ofKind(List<JsonNode> alerts, String kind) {
        return alerts.stream().filter(a -> a.get("kind").asText().equals(kind)).toList();
    }

    @Test
    void realDriftReportsOpenAndResolveADataDriftAlertWithTheExactJson() {
        Baseline b = baseline();
        try (AlertDriver d = new AlertDriver()) {
            d.report("churn", evaluated(b, 0, 1.0, 1));
            assertThat(ofKind(d.read(), "data_drift")).as("one drifting window").isEmpty();
            d.report("churn", evaluated(b, 1, 1.0, 2));
            List<JsonNode> drift = ofKind(d.read(), "data_drift");
            assertThat(drift).hasSize(1);
            JsonNode a = drift.get(0);
            assertThat(fields(a)).containsExactly("alert_id", "details", "feature", "kind", "metric", "model",
                    "opened_at", "resolved_at", "schema_version", "severity", "state", "threshold", "value",
                    "window_end", "window_start");
            assertThat(a.get("schema_version").asInt()).isEqualTo(1);
            assertThat(a.get("alert_id").asText())
                    .isEqualTo(AlertRecords.alertId("churn", AlertKind.DATA_DRIFT, "x", start(1).toEpochMilli()));
            assertThat(a.get("model").asText()).isEqualTo("churn");
            assertThat(a.get("feature").asText()).isEqualTo("x");
            assertThat(a.get("state").asText()).isEqualTo("open");
            assertThat(a.get("severity").asText()).isEqualTo("warning"); // 1 of 3 columns: no dataset drift
            assertThat(a.get("window_start").asText()).isEqualTo("2026-11-21T10:05:00Z");
            assertThat(a.get("window_end").asText()).isEqualTo("2026-11-21T10:10:00Z");
            assertThat(a.get("opened_at").asText()).isEqualTo("2026-11-21T10:10:00Z");
            assertThat(a.get("resolved_at").isNull()).isTrue();
            assertThat(a.get("metric").asText()).isEqualTo("ks_pvalue");
            assertThat(a.get("value").asDouble()).isLessThan(a.get("threshold").asDouble());
            assertThat(a.get("details").get("method").asText()).isEqualTo("ks");
            assertThat(a.get("details").get("revision").asInt()).isEqualTo(1);
            for (int w = 2; w < 5; w++) {
                d.report("churn", evaluated(b, w, 0.0, 10 + w));
            }
            List<JsonNode> resolved = ofKind(d.read(), "data_drift");
            assertThat(resolved).hasSize(1);
            JsonNode r = resolved.get(0);
            assertThat(fields(r)).isEqualTo(fields(a));
            assertThat(r.get("state").asText()).isEqualTo("resolved");
            assertThat(r.get("alert_id").asText()).isEqualTo(a.get("alert_id").asText());
            assertThat(r.get("resolved_at").asText()).isEqualTo("2026-11-21T10:25:00Z");
            assertThat(r.get("value").asDouble()).isGreaterThan(r.get("threshold").asDouble());
        }
    }

    /**
     * A new baseline (after a retraining, say) without the column "x": the open alert on x resolves. Under the old
     * baseline a window without x (no values of it) leaves the alert open.
     */
    @Test
    void anAlertOnAColumnTheNewBaselineNoLongerComparesResolves() {
        Baseline b = baseline();
        Random rnd = new Random(9);
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(new Object[] {CITIES[rnd.nextInt(CITIES.length)], rnd.nextDouble()});
            lines.add(i + 2L);
        }
        // made after the alert opened (its window ends 2026-11-21T10:10Z), as a retraining's new baseline is
        Clock later = Clock.fixed(Instant.parse("2026-11-21T10:12:00Z"), ZoneOffset.UTC);
        Baseline withoutX = new BaselineBuilder(later).build(new Table("train2.csv", List.of("city", "score"), rows,
                lines), "churn", Optional.empty(), Optional.empty(), Optional.of("score"), Map.of());
        try (AlertDriver d = new AlertDriver()) {
            d.report("churn", evaluated(b, 0, 1.0, 1));
            d.report("churn", evaluated(b, 1, 1.0, 2));
            assertThat(ofKind(d.read(), "data_drift")).hasSize(1);
            for (int w = 2; w < 6; w++) { // the old baseline, no value of x in the window: not a reason to resolve
                d.report("churn", withoutColumn(evaluated(b, w, 1.0, 30 + w), "x"));
            }
            assertThat(ofKind(d.read(), "data_drift")).as("x absent from traffic, same baseline").isEmpty();
            d.report("churn", evaluated(withoutX, 6, 1.0, 3));
            assertThat(ofKind(d.read(), "data_drift")).as("one window without x is not enough").isEmpty();
            for (int w = 7; w < 9; w++) {
                d.report("churn", evaluated(withoutX, w, 1.0, 10 + w));
            }
            List<JsonNode> resolved = ofKind(d.read(), "data_drift");
            assertThat(resolved).hasSize(1);
            assertThat(resolved.get(0).get("state").asText()).isEqualTo("resolved");
            assertThat(resolved.get(0).get("feature").asText()).isEqualTo("x");
            assertThat(resolved.get(0).at("/details/status").asText()).isEqualTo("not_compared");
            d.report("churn", evaluated(withoutX, 9, 1.0, 20));
            assertThat(d.read()).as("nothing more once resolved").isEmpty();
        }
    }

    /** The report without {@code column} in its features, as when a window had no value of it. */
    private static byte[] withoutColumn(byte[] report, String column) {
        com.fasterxml.jackson.databind.node.ObjectNode n;
        try {
            n = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(report);
            ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("features")).remove(column);
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(n);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> fields(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aReplayOfTheSameReportsGivesTheSameAlerts() {
        List<byte[]> reports = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            Report r = new Report("churn", w, 1).feature("x", w < 2 ? "drift" : "no_drift");
            reports.add((w == 0 ? r.violation("x", "completeness_check", "x: completeness 0.5") : r).json());
        }
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (List<String> out : List.of(first, second)) {
            try (AlertDriver d = new AlertDriver()) {
                reports.forEach(r -> d.report("churn", r));
                d.read().forEach(n -> out.add(n.toString()));
            }
        }
        assertThat(first).hasSize(4).isEqualTo(second);
    }

    @Test
    void stateSurvivesARestartFromItsChangelog() {
        // TopologyTestDriver deletes its state directory on close, so the restart restores the new driver's store
        // from the changelog the first one wrote — what Kafka Streams does after losing a task's local state
        List<KeyValue<String, byte[]>> changelog;
        try (AlertDriver d = new AlertDriver()) {
            d.report("churn", new Report("churn", 0, 1).feature("x", "drift").json());
            assertThat(d.read()).isEmpty();
            changelog = changelog(d);
        }
        String alertId;
        try (AlertDriver d = restored(changelog)) {
            d.report("churn", new Report("churn", 1, 1).feature("x", "drift").json());
            JsonNode open = d.read().get(0);
            assertThat(open.get("details").get("bad_windows").asInt()).isEqualTo(2);
            alertId = open.get("alert_id").asText();
            changelog = changelog(d);
        }
        try (AlertDriver d = restored(changelog)) {
            d.report("churn", new Report("churn", 2, 1).feature("x", "drift").json());
            assertThat(d.read()).as("still open after the restart: no second open").isEmpty();
            for (int w = 3; w < 6; w++) {
                d.report("churn", new Report("churn", w, 1).feature("x", "no_drift").json());
            }
            assertThat(d.read()).extracting(n -> n.get("state").asText() + ":" + n.get("alert_id").asText())
                    .containsExactly("resolved:" + alertId);
        }
    }

    /** The latest value per key in the store's changelog (what a restore applies). */
    private static List<KeyValue<String, byte[]>> changelog(AlertDriver d) {
        TestOutputTopic<String, byte[]> topic = d.driver.createOutputTopic(
                AlertDriver.APP + "-" + AlertTopology.STORE + "-changelog", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        Map<String, byte[]> latest = new LinkedHashMap<>();
        topic.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
        assertThat(latest).isNotEmpty();
        List<KeyValue<String, byte[]>> out = new ArrayList<>();
        latest.forEach((k, v) -> out.add(KeyValue.pair(k, v)));
        return out;
    }

    private static AlertDriver restored(List<KeyValue<String, byte[]>> changelog) {
        AlertDriver d = new AlertDriver();
        KeyValueStore<String, byte[]> store = d.driver.getKeyValueStore(AlertTopology.STORE);
        changelog.forEach(kv -> store.put(kv.key, kv.value));
        return d;
    }

    @Test
    void bothInputsShareOneNamedSubTopologyAndStore() {
        StreamsBuilder b = new StreamsBuilder();
        AlertTopology.addTo(b, new Topics(), AlertConfig.defaults());
        TopologyDescription desc = b.build().describe();
        assertThat(desc.subtopologies()).hasSize(1);
        assertThat(desc.toString()).contains("read-drift-reports", "read-model-quality", "alerts-from-drift",
                "alerts-from-model-quality", "merge-alerts", "write-alerts", "alert-state", "driftline.drift",
                "driftline.model-quality", "driftline.alerts").doesNotContain("KSTREAM-");
    }

    @Test
    void configDefaultsAndValidation() {
        assertThat(AlertConfig.defaults()).isEqualTo(new AlertConfig(2, 3, 1, 3));
        assertThatThrownBy(() -> new AlertConfig(4, 3, 1, 3)).hasMessageContaining("K must be between 1 and M (3)");
        assertThatThrownBy(() -> new AlertConfig(0, 3, 1, 3)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new AlertConfig(1, 0, 1, 3)).hasMessageContaining("M must be >= 1");
        assertThatThrownBy(() -> new AlertConfig(2, 3, 0, 3)).hasMessageContaining("data-quality open-after");
        assertThatThrownBy(() -> new AlertConfig(2, 3, 1, 0)).hasMessageContaining("resolve-after");
    }
}
