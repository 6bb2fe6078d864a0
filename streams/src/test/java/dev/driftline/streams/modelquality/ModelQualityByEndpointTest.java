package dev.driftline.streams.modelquality;

import static dev.driftline.streams.modelquality.ModelQualityHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * End to end from raw events (pairing → normalise → model quality): V1 traffic of a canary rollout, whose payloads
 * name no version, gets per-version windows from the KServe revision label each event carries ({@code ce_endpoint}),
 * which is what the remediation guardrail judges the canary on.
 */
class ModelQualityByEndpointTest {
    private static final String STABLE = "churn-predictor-00001";
    private static final String CANARY = "churn-predictor-00002";
    private final ModelQualityHarness h = new ModelQualityHarness(ModelQualityConfig.defaults().withMinLabels(5));
    private int ids;

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** {@code correct} + {@code wrong} single-row inferences from {@code endpoint} predicting 1, labelled later. */
    private void rows(String endpoint, Instant time, int correct, int wrong) {
        for (int i = 0; i < correct + wrong; i++) {
            String id = "r" + ids++;
            if (endpoint == null) {
                h.inference(id, "churn", time, "0.9");
            } else {
                h.fromEndpoint(id, "churn", endpoint, time, 0.9);
            }
            h.label(id, 0, "churn", i < correct ? "1" : "0", time.plus(Duration.ofHours(1)));
        }
    }

    private static Map<String, JsonNode> byVersion(Iterable<TestRecord<String, JsonNode>> out) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (TestRecord<String, JsonNode> r : out) {
            assertThat(r.key()).isEqualTo("churn");
            assertThat(m.put(r.value().get("model_version").asText(), r.value())).isNull();
        }
        return m;
    }

    @Test
    void v1TrafficFromTwoRevisionsGivesOneWindowPerRevision() {
        rows(STABLE, T0.plusSeconds(10), 18, 2); // 90 %
        rows(CANARY, T0.plusSeconds(20), 5, 5); // 50 %
        Map<String, JsonNode> w = byVersion(h.tick());
        assertThat(w).containsOnlyKeys("", STABLE, CANARY);
        assertThat(w.get("").get("labelled_rows").asLong()).isEqualTo(30);
        assertThat(w.get("").get("value").asDouble()).isCloseTo(23.0 / 30, within(1e-12));
        assertThat(w.get(STABLE).get("labelled_rows").asLong()).isEqualTo(20);
        assertThat(w.get(STABLE).get("value").asDouble()).isEqualTo(0.9);
        assertThat(w.get(STABLE).get("status").asText()).isEqualTo("ok");
        assertThat(w.get(CANARY).get("labelled_rows").asLong()).isEqualTo(10);
        assertThat(w.get(CANARY).get("value").asDouble()).isEqualTo(0.5);
        assertThat(w.get(CANARY).get("status").asText()).isEqualTo("degraded");
        assertThat(w.values()).allSatisfy(q -> assertThat(q.get("window_start").asText()).isEqualTo(T0.toString()));
    }

    @Test
    void oneRevisionOrUnlabelledTrafficGivesOnlyTheModelsWindow() {
        rows(STABLE, T0, 9, 1);
        rows(null, T0.plusSeconds(5), 3, 2); // no ce_endpoint: version "", not a second version
        rows("", T0.plusSeconds(6), 1, 0); // an empty Ce-Endpoint neither
        Map<String, JsonNode> w = byVersion(h.tick());
        assertThat(w).containsOnlyKeys("");
        assertThat(w.get("").get("labelled_rows").asLong()).isEqualTo(16);
        assertThat(w.get("").get("value").asDouble()).isCloseTo(13.0 / 16, within(1e-12));
    }
}
