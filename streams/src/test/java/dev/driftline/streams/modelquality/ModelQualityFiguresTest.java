package dev.driftline.streams.modelquality;

import static dev.driftline.streams.modelquality.ModelQualityHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.driftline.drift.modelquality.BinaryClassificationMetrics;
import dev.driftline.drift.modelquality.MulticlassClassificationMetrics;
import dev.driftline.drift.modelquality.RegressionMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The figures of a window equal the drift core's metrics on the same pairs; the status follows the rules. */
class ModelQualityFiguresTest {
    private final Random random = new Random(42);
    private ModelQualityHarness h = new ModelQualityHarness(ModelQualityConfig.defaults());

    @AfterEach
    void tearDown() {
        h.close();
    }

    /** Pipes n inferences with their labels (JSON literals) and returns the one figure emitted. */
    private JsonNode window(String model, String[] predictions, String[] labels) {
        for (int i = 0; i < predictions.length; i++) {
            h.inference(model + i, model, T0.plusSeconds(i), predictions[i]);
            h.label(model + i, 0, model, labels[i], T0.plus(Duration.ofHours(1)));
        }
        List<TestRecord<String, JsonNode>> out = h.tick();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).value().get("labelled_rows").asInt()).isEqualTo(predictions.length);
        return out.get(0).value();
    }

    private static void assertFigures(JsonNode metrics, Map<String, Double> expected) {
        assertThat(metrics.size()).isGreaterThanOrEqualTo(expected.size());
        expected.forEach((name, v) -> {
            if (Double.isNaN(v)) {
                assertThat(metrics.get(name).isNull()).as(name).isTrue();
            } else {
                assertThat(metrics.get(name).asDouble()).as(name).isEqualTo(v);
            }
        });
    }

    @Test
    void binaryFiguresAreTheDriftCoresOnTheSamePairs() {
        int n = 40;
        String[] p = new String[n];
        String[] y = new String[n];
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = Math.round(random.nextDouble() * 1000) / 1000.0;
            labels[i] = random.nextDouble() < scores[i] ? 1 : 0;
            p[i] = Double.toString(scores[i]);
            y[i] = Integer.toString(labels[i]);
        }
        JsonNode q = window("churn", p, y);
        BinaryClassificationMetrics expected = BinaryClassificationMetrics.compute(labels, scores, 0.5);
        assertThat(q.get("problem_type").asText()).isEqualTo("binary_classification");
        assertFigures(q.get("metrics"), expected.asMap());
        assertThat(q.get("metrics").get("true_positives").asLong()).isEqualTo(expected.truePositives());
        assertThat(q.get("metrics").get("false_negatives").asLong()).isEqualTo(expected.falseNegatives());
        assertThat(q.get("metric").asText()).isEqualTo("accuracy");
        assertThat(q.get("value").asDouble()).isEqualTo(expected.accuracy());
    }

    @Test
    void booleanLabelsWithScoresAreBinary() {
        String[] p = {"0.9", "0.1", "0.6", "0.4"};
        String[] y = {"true", "false", "\"False\"", "\"TRUE\""};
        JsonNode q = window("churn", p, y);
        assertThat(q.get("problem_type").asText()).isEqualTo("binary_classification");
        assertFigures(q.get("metrics"), BinaryClassificationMetrics.compute(new int[] {1, 0, 0, 1},
                new double[] {0.9, 0.1, 0.6, 0.4}, 0.5).asMap());
    }

    @Test
    void multiclassFiguresAreTheDriftCoresOnTheSamePairs() {
        String[] classes = {"setosa", "versicolor", "virginica"};
        int n = 45;
        String[] p = new String[n];
        String[] y = new String[n];
        String[] labels = new String[n];
        String[] predicted = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = classes[random.nextInt(3)];
            predicted[i] = random.nextDouble() < 0.7 ? labels[i] : classes[random.nextInt(3)];
            p[i] = "\"" + predicted[i] + "\"";
            y[i] = "\"" + labels[i] + "\"";
        }
        JsonNode q = window("iris", p, y);
        MulticlassClassificationMetrics expected = MulticlassClassificationMetrics.compute(labels, predicted);
        assertThat(q.get("problem_type").asText()).isEqualTo("multiclass_classification");
        assertFigures(q.get("metrics"), expected.asMap());
        assertThat(q.get("value").asDouble()).isEqualTo(expected.accuracy());
        assertThat(q.get("status").asText()).isEqualTo(expected.accuracy() < 0.7 ? "degraded" : "ok");
    }

    @Test
    void wholeNumberClassIdsAreMulticlassAndTwoEqualsTwoPointZero() {
        JsonNode q = window("digits", new String[] {"2.0", "3", "7"}, new String[] {"2", "3", "1"});
        assertThat(q.get("problem_type").asText()).isEqualTo("multiclass_classification");
        assertThat(q.get("value").asDouble()).isEqualTo(2.0 / 3);
    }

    @Test
    void regressionFiguresAreTheDriftCoresOnTheSamePairsAndHaveNoDefaultReference() {
        int n = 35;
        String[] p = new String[n];
        String[] y = new String[n];
        double[] labels = new double[n];
        double[] predictions = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = 100 + random.nextInt(50);
            predictions[i] = labels[i] + random.nextGaussian() * 3;
            p[i] = Double.toString(predictions[i]);
            y[i] = Long.toString((long) labels[i]); // whole-number labels, fractional predictions: regression
        }
        JsonNode q = window("price", p, y);
        RegressionMetrics expected = RegressionMetrics.compute(labels, predictions);
        assertThat(q.get("problem_type").asText()).isEqualTo("regression");
        assertFigures(q.get("metrics"), expected.asMap());
        assertThat(q.get("metric").asText()).isEqualTo("rmse");
        assertThat(q.get("value").asDouble()).isEqualTo(expected.rmse());
        assertThat(q.get("threshold").isNull()).isTrue();
        assertThat(q.get("status").asText()).isEqualTo("no_reference");
    }

    @Test
    void regressionIsDegradedWhenRmseExceedsTheModelsThreshold() {
        h.close();
        h = new ModelQualityHarness(ModelQualityConfig.defaults().withMinLabels(3).withThresholds(Map.of("price", 1.5)));
        JsonNode q = window("price", new String[] {"10.5", "20.5", "30.5"}, new String[] {"10", "20", "34"});
        assertThat(q.get("value").asDouble()).isEqualTo(Math.sqrt((0.25 + 0.25 + 12.25) / 3));
        assertThat(q.get("threshold").asDouble()).isEqualTo(1.5);
        assertThat(q.get("status").asText()).isEqualTo("degraded");
    }

    @Test
    void belowTheMinimumOfLabelledRowsTheStatusIsInsufficient() {
        String[] p = new String[29];
        String[] y = new String[29];
        java.util.Arrays.fill(p, "0.1");
        java.util.Arrays.fill(y, "1"); // all wrong, but too few to judge
        JsonNode q = window("churn", p, y);
        assertThat(q.get("value").asDouble()).isEqualTo(0.0);
        assertThat(q.get("status").asText()).isEqualTo("insufficient_labels");
        h.inference("more", "churn", T0, "0.1");
        h.label("more", 0, "churn", "1", T0.plus(Duration.ofHours(2)));
        q = h.tick().get(0).value();
        assertThat(q.get("labelled_rows").asInt()).isEqualTo(30);
        assertThat(q.get("status").asText()).isEqualTo("degraded");
    }

    @Test
    void accuracyBelowTheDefaultMinimumIsDegradedAndAPerModelThresholdDecides() {
        String[] p = new String[30];
        String[] y = new String[30];
        for (int i = 0; i < 30; i++) { // 18 of 30 right: accuracy 0.6
            p[i] = i < 18 ? "0.8" : "0.3";
            y[i] = "1";
        }
        JsonNode q = window("churn", p, y);
        assertThat(q.get("value").asDouble()).isEqualTo(0.6);
        assertThat(q.get("threshold").asDouble()).isEqualTo(0.7);
        assertThat(q.get("status").asText()).isEqualTo("degraded");

        h.close();
        h = new ModelQualityHarness(ModelQualityConfig.defaults().withThresholds(Map.of("churn", 0.5)));
        q = window("churn", p, y);
        assertThat(q.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(q.get("status").asText()).isEqualTo("ok");
    }
}
