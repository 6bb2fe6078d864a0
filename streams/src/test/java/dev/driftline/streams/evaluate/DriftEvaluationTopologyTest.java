package dev.driftline.streams.evaluate;


import dev.driftline.streams.TestDrivers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.contracts.Topics;
import dev.driftline.contracts.window.PartialWindow;
import dev.driftline.drift.baseline.Baseline;
import dev.driftline.drift.baseline.BaselineBuilder;
import dev.driftline.contracts.baseline.BaselineCodec;
import dev.driftline.drift.decision.DriftPolicy;
import dev.driftline.drift.io.Table;
import dev.driftline.streams.DriftlineTopology;
import dev.driftline.streams.PipelineConfig;
import dev.driftline.streams.PipelineInstruments;
import dev.driftline.contracts.window.MergedWindow;
import dev.driftline.contracts.window.MergedWindowCodec;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftEvaluationTopologyTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
    private static final long SIZE = Duration.ofMinutes(5).toMillis();
    private static final String[] CITIES = {"Oslo", "Lima", "Pune"};
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Topics topics = new Topics();
    private Topology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> baselines;
    private TestInputTopic<String, byte[]> profiles;
    private TestOutputTopic<String, byte[]> drift;

    @BeforeEach
    void setUp() {
        start(ReferenceMode.Choice.baseline());
    }

    private void start(ReferenceMode.Choice reference) {
        if (driver != null) {
            driver.close();
        }
        Properties p = TestDrivers.properties("drift-eval-test", topics);
        StreamsBuilder b = new StreamsBuilder();
        DriftEvaluationTopology.addTo(b, topics, DriftPolicy.defaults(), reference, DataQualityOverrides.none());
        topology = b.build();
        driver = new TopologyTestDriver(topology, p, T0);
        baselines = driver.createInputTopic(topics.baselines.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        profiles = driver.createInputTopic(topics.profiles.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        drift = driver.createOutputTopic(topics.drift.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** 3,000 training rows: x ~ N(0, 1), city of three values, prediction score ~ U(0, 1). */
    private static Baseline baseline(String model) {
        return baseline(model, 0);
    }

    /** As {@link #baseline(String)} with x ~ N(shift, 1). */
    private static Baseline baseline(String model, double shift) {
        Random rnd = new Random(7);
        List<Object[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(new Object[] {rnd.nextGaussian() + shift, CITIES[rnd.nextInt(CITIES.length)], rnd.nextDouble()});
            lines.add(i + 2L);
        }
        return new BaselineBuilder(CLOCK).build(new Table("train.csv", List.of("x", "city", "score"), rows, lines),
                model, Optional.empty(), Optional.empty(), Optional.of("score"), Map.of());
    }

    private void publish(Baseline b) throws IOException {
        baselines.pipeInput(b.model(), MAPPER.writeValueAsBytes(BaselineCodec.toJson(b, MAPPER)));
    }

    /** A merged window of {@code n} rows; x shifted by {@code shift}; {@code newCity} share of an unseen city. */
    private void window(String model, Instant start, int n, double shift, double newCity, long seed) {
        Random rnd = new Random(seed);
        PartialWindow w = new PartialWindow(model, start.toEpochMilli(), start.toEpochMilli() + SIZE);
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("x", rnd.nextGaussian() + shift);
            row.put("city", rnd.nextDouble() < newCity ? "Atlantis" : CITIES[rnd.nextInt(CITIES.length)]);
            row.put(PartialWindow.PREDICTION_PREFIX + "score", rnd.nextDouble());
            w.addRow(row);
        }
        profiles.pipeInput(new TestRecord<>(model, MergedWindowCodec.INSTANCE.encode(MergedWindow.of(w, 2, 1)), start));
    }

    private JsonNode report() throws IOException {
        TestRecord<String, byte[]> r = drift.readRecord();
        JsonNode n = MAPPER.readTree(r.value());
        assertThat(r.key()).isEqualTo(n.get("model").asText());
        assertThat(r.timestamp()).isEqualTo(Instant.parse(n.get("window_start").asText()).toEpochMilli());
        return n;
    }

    private static List<String> checks(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("violations").forEach(v -> out.add(v.get("feature_name").asText() + ":"
                + v.get("constraint_check_type").asText()));
        return out;
    }

    @Test
    void aRollingReferenceComparesWithTheTrailingWindowsOnceThereAreAny() throws IOException {
        start(new ReferenceMode.Choice(ReferenceMode.BASELINE, Map.of("churn", ReferenceMode.parse("rolling:2"))));
        publish(baseline("churn"));
        publish(baseline("iris"));
        for (int i = 0; i < 4; i++) { // a lasting shift of x by 2: new normal for churn
            window("churn", T0.plusMillis(i * SIZE), 500, 2.0, 0, 10 + i);
        }
        JsonNode first = report();
        assertThat(first.get("reference").get("mode").asText()).isEqualTo("baseline");
        assertThat(first.get("reference").get("configured").asText()).isEqualTo("rolling:2");
        assertThat(first.get("features").get("x").get("drift").asBoolean()).isTrue();
        JsonNode second = report();
        assertThat(second.get("reference").get("mode").asText()).isEqualTo("rolling:2");
        assertThat(second.get("reference").get("windows").asInt()).isEqualTo(1);
        assertThat(second.get("features").get("x").get("n_reference").asLong()).isEqualTo(500);
        assertThat(second.get("features").get("x").get("drift").asBoolean()).isFalse();
        report();
        JsonNode fourth = report();
        assertThat(fourth.get("reference").get("windows").asInt()).isEqualTo(2);
        assertThat(fourth.get("reference").get("from").asText()).isEqualTo(T0.plusMillis(SIZE).toString());
        assertThat(fourth.get("reference").get("to").asText()).isEqualTo(T0.plusMillis(3 * SIZE).toString());
        assertThat(fourth.get("features").get("x").get("n_reference").asLong()).isEqualTo(1000);
        assertThat(fourth.get("features").get("x").get("drift").asBoolean()).isFalse();
        // constraints still come from the trained baseline: the data-quality checks are unchanged
        assertThat(fourth.has("violations")).isTrue();

        window("iris", T0.plusMillis(SIZE), 500, 2.0, 0, 20); // another model keeps the baseline
        JsonNode iris = report();
        assertThat(iris.get("reference").get("mode").asText()).isEqualTo("baseline");
        assertThat(iris.get("reference").has("configured")).isFalse();
        assertThat(iris.get("features").get("x").get("drift").asBoolean()).isTrue();
    }

    @Test
    void aSeasonalReferenceComparesWithTheSameWindowOnePeriodEarlier() throws IOException {
        start(new ReferenceMode.Choice(ReferenceMode.parse("seasonal:10m"), Map.of()));
        publish(baseline("churn"));
        window("churn", T0, 500, 3.0, 0, 1);                 // the "same time last period" was shifted too
        window("churn", T0.plusMillis(SIZE), 500, 0.0, 0, 2);
        window("churn", T0.plusMillis(2 * SIZE), 500, 3.0, 0, 3);
        window("churn", T0.plusMillis(3 * SIZE), 500, 3.0, 0, 4);
        report();
        report();
        JsonNode third = report();
        assertThat(third.get("reference").get("mode").asText()).isEqualTo("seasonal:PT10M");
        assertThat(third.get("reference").get("from").asText()).isEqualTo(T0.toString());
        assertThat(third.get("features").get("x").get("drift").asBoolean()).isFalse();
        JsonNode fourth = report(); // compared with the unshifted window one period earlier
        assertThat(fourth.get("reference").get("from").asText()).isEqualTo(T0.plusMillis(SIZE).toString());
        assertThat(fourth.get("features").get("x").get("drift").asBoolean()).isTrue();
    }

    @Test
    void referenceModesParseAndRefuseNonsense() {
        assertThat(ReferenceMode.parse("rolling:12").history(Duration.ofMinutes(5))).isEqualTo(Duration.ofHours(1));
        assertThat(ReferenceMode.parse(" Seasonal:7d ").period()).isEqualTo(Duration.ofDays(7));
        assertThat(ReferenceMode.parse("baseline")).isEqualTo(ReferenceMode.BASELINE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferenceMode.parse("rolling:0"))
                .hasMessageContaining("1..10000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferenceMode.parse("weekly"))
                .hasMessageContaining("rolling:N");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReferenceMode.parse("seasonal:soon"))
                .hasMessageContaining("not a duration");
    }

    @Test
    void shiftedFeatureDriftsWithKsOnSmallWindows() throws IOException {
        publish(baseline("churn"));
        window("churn", T0, 500, 1.0, 0, 1);
        JsonNode r = report();
        assertThat(r.get("schema_version").asInt()).isEqualTo(1);
        assertThat(r.get("status").asText()).isEqualTo("evaluated");
        assertThat(r.get("window_end").asText()).isEqualTo(T0.plusMillis(SIZE).toString());
        assertThat(r.get("revision").asInt()).isEqualTo(1);
        assertThat(r.get("rows").asLong()).isEqualTo(500);
        assertThat(r.get("baseline_created_at").asText()).isEqualTo("2026-11-01T00:00:00Z");
        JsonNode x = r.get("features").get("x");
        assertThat(x.get("type").asText()).isEqualTo("numeric");
        assertThat(x.get("role").asText()).isEqualTo("feature");
        assertThat(x.get("n_reference").asLong()).isEqualTo(3000);
        assertThat(x.get("n_current").asLong()).isEqualTo(500);
        assertThat(x.has("ks_pvalue")).isTrue();
        assertThat(x.has("wasserstein_norm")).isTrue();
        assertThat(x.get("method").asText()).isEqualTo("ks");
        assertThat(x.get("status").asText()).isEqualTo("drift");
        assertThat(x.get("drift").asBoolean()).isTrue();
        JsonNode score = r.get("features").get("score");
        assertThat(score.get("role").asText()).isEqualTo("prediction");
        assertThat(score.get("drift").asBoolean()).isFalse();
        JsonNode city = r.get("features").get("city");
        assertThat(city.get("type").asText()).isEqualTo("categorical");
        assertThat(city.get("method").asText()).isEqualTo("chi2");
        assertThat(city.get("drift").asBoolean()).isFalse();
        assertThat(r.get("judged_features").asInt()).isEqualTo(3);
        assertThat(r.get("drifted_share").asDouble()).isEqualTo(1.0 / 3);
        assertThat(r.get("dataset_drift").asBoolean()).isFalse();
        assertThat(r.has("drifted_share")).isTrue();
        assertThat(checks(r)).doesNotContain("city:categorical_values_check");
        assertThat(drift.isEmpty()).isTrue();
    }

    @Test
    void largeWindowsUseWassersteinAndUnshiftedFeaturesDoNotDrift() throws IOException {
        publish(baseline("churn"));
        window("churn", T0, 2000, 0, 0, 2);
        window("churn", T0.plusMillis(SIZE), 2000, 1.0, 0, 3);
        JsonNode calm = report();
        assertThat(calm.get("features").get("x").get("method").asText()).isEqualTo("wasserstein_norm");
        assertThat(calm.get("features").get("x").get("drift").asBoolean()).isFalse();
        assertThat(calm.get("features").get("city").get("method").asText()).isEqualTo("jensen_shannon");
        assertThat(calm.get("dataset_drift").asBoolean()).isFalse();
        assertThat(calm.get("violations")).isEmpty();
        JsonNode shifted = report();
        JsonNode x = shifted.get("features").get("x");
        assertThat(x.get("method").asText()).isEqualTo("wasserstein_norm");
        assertThat(x.get("threshold").asDouble()).isEqualTo(0.1);
        assertThat(x.get("drift").asBoolean()).isTrue();
        assertThat(shifted.get("window_start").asText()).isEqualTo(T0.plusMillis(SIZE).toString());
    }

    @Test
    void unshiftedSmallWindowDoesNotDrift() throws IOException {
        publish(baseline("churn"));
        window("churn", T0, 500, 0, 0, 4);
        JsonNode r = report();
        assertThat(r.get("features").get("x").get("method").asText()).isEqualTo("ks");
        assertThat(r.get("features").get("x").get("drift").asBoolean()).isFalse();
        assertThat(r.get("dataset_drift").asBoolean()).isFalse();
    }

    @Test
    void newCategoryIsACategoricalValuesViolation() throws IOException {
        publish(baseline("churn"));
        window("churn", T0, 500, 0, 0.3, 5);
        JsonNode r = report();
        assertThat(checks(r)).contains("city:categorical_values_check");
        assertThat(r.get("violations").get(checks(r).indexOf("city:categorical_values_check"))
                .get("description").asText()).contains("Atlantis");
    }

    @Test
    void windowWithoutBaselineGetsANoBaselineReport() throws IOException {
        publish(baseline("churn"));
        window("iris", T0, 200, 0, 0, 6);
        JsonNode r = report();
        assertThat(r.get("model").asText()).isEqualTo("iris");
        assertThat(r.get("status").asText()).isEqualTo("no_baseline");
        assertThat(r.get("features")).isEmpty();
        assertThat(r.get("rows").asLong()).isEqualTo(200);
        assertThat(r.has("baseline_created_at")).isFalse();
        // a baseline published later is used for later windows (and a tombstone removes it again)
        publish(baseline("iris"));
        window("iris", T0.plusMillis(SIZE), 200, 0, 0, 7);
        assertThat(report().get("status").asText()).isEqualTo("evaluated");
        baselines.pipeInput("iris", (byte[]) null);
        window("iris", T0.plusMillis(2 * SIZE), 200, 0, 0, 8);
        assertThat(report().get("status").asText()).isEqualTo("no_baseline");
    }

    @Test
    void anUpdatedBaselineJudgesTheNextWindow() throws IOException {
        publish(baseline("churn"));
        window("churn", T0, 500, 3.0, 0, 10);
        assertThat(report().get("features").get("x").get("drift").asBoolean()).isTrue();
        window("churn", T0.plusMillis(SIZE), 500, 3.0, 0, 11); // the same baseline again, from the cache
        assertThat(report().get("features").get("x").get("drift").asBoolean()).isTrue();
        publish(baseline("churn", 3.0)); // retrained on the shifted data
        window("churn", T0.plusMillis(2 * SIZE), 500, 3.0, 0, 12);
        JsonNode x = report().get("features").get("x");
        assertThat(x.get("drift").asBoolean()).isFalse();
        assertThat(x.get("ks_pvalue").asDouble()).isGreaterThan(0.05);
    }

    /**
     * The evaluation trusts its parsed baseline while the model's update count is unchanged, and the count moves in
     * the global store's processor: that holds only if a restore of the store replays the topic through it.
     */
    @Test
    void aRestoreOfTheBaselinesStoreReplaysThroughItsProcessor() throws Exception {
        java.lang.reflect.Field f = Topology.class.getDeclaredField("internalTopologyBuilder");
        f.setAccessible(true);
        org.apache.kafka.streams.processor.internals.InternalTopologyBuilder internal =
                (org.apache.kafka.streams.processor.internals.InternalTopologyBuilder) f.get(topology);
        assertThat(internal.buildGlobalStateTopology().storeNameToReprocessOnRestore())
                .hasEntrySatisfying(DriftEvaluationTopology.STORE, factory -> assertThat(factory).isPresent());
    }

    @Test
    void unreadableWindowIsDroppedAndTheNextOneIsEvaluated() throws IOException {
        publish(baseline("churn"));
        profiles.pipeInput("churn", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        window("churn", T0, 500, 0, 0, 9);
        assertThat(report().get("status").asText()).isEqualTo("evaluated");
        assertThat(drift.isEmpty()).isTrue();
        // not lost: the unreadable value is a dead letter, whole, with the codec's reason
        var deadLetters = driver.createOutputTopic(topics.deadLetter.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer()).readRecordsToList();
        assertThat(deadLetters).hasSize(1);
        var dl = deadLetters.get(0);
        assertThat(new String(dl.value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(dl.key()).isEqualTo("churn");
        assertThat(header(dl, "dl_reason")).isEqualTo("not_json");
        assertThat(header(dl, "dl_stage")).isEqualTo("deserialize");
        assertThat(header(dl, "dl_model")).isEqualTo("churn");
        assertThat(header(dl, "dl_message")).startsWith(topics.profiles.name() + "-0@");
    }

    private static String header(org.apache.kafka.streams.test.TestRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void topologyIsNamedAndWiredIntoDriftline() {
        assertThat(topology.describe().toString()).contains("read-baselines", DriftEvaluationTopology.STORE,
                "read-profiles", "evaluate-drift", "write-drift").doesNotContain("KSTREAM-", "KTABLE-");
        Topology all = DriftlineTopology.build(new StreamsBuilder(), PipelineConfig.defaults(topics),
                PipelineInstruments.none());
        assertThat(all.describe().toString()).contains("window-profile", "merge-window-partials", "evaluate-drift",
                DriftEvaluationTopology.STORE).doesNotContain("KSTREAM-");
    }
}
