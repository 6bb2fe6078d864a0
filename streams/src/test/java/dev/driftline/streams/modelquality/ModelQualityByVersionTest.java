package dev.driftline.streams.modelquality;

import static dev.driftline.streams.modelquality.ModelQualityHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Windows per model version during a rollout: the model's window stays as it was, and only a window that saw two or
 * more named versions also gets one window per version (what the rollout guardrail compares); the alerts judge the
 * model's windows only. Versions come from the V2 responses' {@code model_version}, as KServe reports them.
 */
class ModelQualityByVersionTest {
    /** Few labels suffice to judge, so statuses are ok / degraded against the default minimum accuracy 0.7. */
    private final ModelQualityHarness h = new ModelQualityHarness(ModelQualityConfig.defaults().withMinLabels(5));
    private int ids;

    @AfterEach
    void tearDown() {
        h.close();
    }

    /**
     * {@code correct} + {@code wrong} single-row inferences of {@code version} ("" = a V1 response, which has no
     * version) at {@code time}, all predicting class 1 (score 0.9), with their labels an hour later.
     */
    private void rows(String version, Instant time, int correct, int wrong) {
        for (int i = 0; i < correct + wrong; i++) {
            String id = "r" + ids++;
            if (version.isEmpty()) {
                h.inference(id, "churn", time, "0.9");
            } else {
                h.versioned(id, "churn", version, time, 0.9);
            }
            h.label(id, 0, "churn", i < correct ? "1" : "0", time.plus(Duration.ofHours(1)));
        }
    }

    /** The emitted windows by model version ("" = the model's). */
    private static Map<String, JsonNode> byVersion(List<TestRecord<String, JsonNode>> out) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (TestRecord<String, JsonNode> r : out) {
            assertThat(r.key()).isEqualTo("churn");
            assertThat(r.getRecordTime()).isEqualTo(Instant.parse(r.value().get("window_start").asText()));
            assertThat(m.put(r.value().get("model_version").asText(), r.value())).isNull();
        }
        return m;
    }

    @Test
    void twoVersionsInOneWindowGiveTheModelsWindowAndOnePerVersion() {
        rows("v1", T0.plusSeconds(10), 18, 2); // the stable version, 90 % accurate
        rows("v2", T0.plusSeconds(20), 5, 5); // the canary, 50 %
        Map<String, JsonNode> w = byVersion(h.tick());
        assertThat(w).containsOnlyKeys("", "v1", "v2");
        JsonNode all = w.get("");
        assertThat(all.get("labelled_rows").asLong()).isEqualTo(30);
        assertThat(all.get("value").asDouble()).isCloseTo(23.0 / 30, within(1e-12));
        assertThat(all.get("status").asText()).isEqualTo("ok");
        assertThat(w.get("v1").get("labelled_rows").asLong()).isEqualTo(20);
        assertThat(w.get("v1").get("value").asDouble()).isEqualTo(0.9);
        assertThat(w.get("v1").get("status").asText()).isEqualTo("ok");
        assertThat(w.get("v2").get("labelled_rows").asLong()).isEqualTo(10);
        assertThat(w.get("v2").get("value").asDouble()).isEqualTo(0.5);
        assertThat(w.get("v2").get("status").asText()).isEqualTo("degraded");
        assertThat(w.get("v2").get("metrics").get("true_positives").asLong()).isEqualTo(5);
        assertThat(w.get("v2").get("metrics").get("false_positives").asLong()).isEqualTo(5);
        for (JsonNode q : w.values()) { // one emission: the same window, number, type and threshold
            assertThat(q.get("window_start").asText()).isEqualTo(T0.toString());
            assertThat(q.get("version").asInt()).isEqualTo(1);
            assertThat(q.get("problem_type").asText()).isEqualTo("binary_classification");
            assertThat(q.get("threshold").asDouble()).isEqualTo(0.7);
        }
        rows("v2", T0.plusSeconds(30), 1, 0); // a late label of the canary: every window of the emission again
        w = byVersion(h.tick());
        assertThat(w).containsOnlyKeys("", "v1", "v2");
        assertThat(w.values()).allSatisfy(q -> assertThat(q.get("version").asInt()).isEqualTo(2));
        assertThat(w.get("").get("labelled_rows").asLong()).isEqualTo(31);
        assertThat(w.get("v1").get("labelled_rows").asLong()).isEqualTo(20);
        assertThat(w.get("v2").get("labelled_rows").asLong()).isEqualTo(11);
        assertThat(w.get("v2").get("value").asDouble()).isEqualTo(6.0 / 11);
    }

    @Test
    void singleVersionTrafficGivesOnlyTheModelsWindow() {
        rows("v1", T0, 9, 1);
        rows("", T0.plusSeconds(5), 3, 2); // rows without a version do not make a second version
        List<TestRecord<String, JsonNode>> out = h.tick();
        assertThat(byVersion(out)).containsOnlyKeys("");
        assertThat(out.get(0).value().get("labelled_rows").asLong()).isEqualTo(15);
        assertThat(out.get(0).value().get("value").asDouble()).isEqualTo(12.0 / 15);
        rows("v1", T0.plus(Duration.ofMinutes(5)), 5, 0); // the next window: again the model's only
        assertThat(byVersion(h.tick())).containsOnlyKeys("");
    }

    @Test
    void rowsWithoutAVersionCountInTheModelsWindowOnly() {
        rows("v1", T0, 10, 0);
        rows("v2", T0, 0, 10);
        rows("", T0, 5, 0);
        Map<String, JsonNode> w = byVersion(h.tick());
        assertThat(w).containsOnlyKeys("", "v1", "v2");
        assertThat(w.get("").get("labelled_rows").asLong()).isEqualTo(25);
        assertThat(w.get("").get("value").asDouble()).isEqualTo(15.0 / 25);
        assertThat(w.get("v1").get("value").asDouble()).isEqualTo(1.0);
        assertThat(w.get("v2").get("value").asDouble()).isEqualTo(0.0);
    }

    @Test
    void aDegradedCanaryDoesNotOpenTheModelsAlert() {
        for (int window = 0; window < 3; window++) { // 2 of 3 degraded windows would open an alert
            Instant t = T0.plus(Duration.ofMinutes(5L * window));
            rows("v1", t, 19, 1);
            rows("v2", t, 5, 5);
            Map<String, JsonNode> w = byVersion(h.tick());
            assertThat(w.get("v2").get("status").asText()).isEqualTo("degraded");
            assertThat(w.get("").get("status").asText()).isEqualTo("ok"); // 24 of 30
        }
        assertThat(h.alerts()).isEmpty();
        for (int window = 3; window < 5; window++) { // the model's own windows degrade: the alert opens
            rows("v1", T0.plus(Duration.ofMinutes(5L * window)), 2, 8);
            rows("v2", T0.plus(Duration.ofMinutes(5L * window)), 10, 0); // the canary is fine here
            assertThat(byVersion(h.tick()).get("").get("status").asText()).isEqualTo("degraded");
        }
        List<TestRecord<String, JsonNode>> alerts = h.alerts();
        assertThat(alerts).extracting(a -> a.value().get("kind").asText() + ":" + a.value().get("state").asText())
                .containsExactly("model_quality:open");
        assertThat(alerts.get(0).value().get("value").asDouble()).isEqualTo(12.0 / 20);
    }
}
