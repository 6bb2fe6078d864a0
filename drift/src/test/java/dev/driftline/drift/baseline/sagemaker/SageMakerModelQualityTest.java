package dev.driftline.drift.baseline.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.driftline.drift.modelquality.ProblemType;
import dev.driftline.drift.modelquality.TrainingQuality;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SageMaker model-quality statistics.json / constraints.json, written and read. */
class SageMakerModelQualityTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private static TrainingQuality regression() {
        return TrainingQuality.of(List.of(1.0, 2.0, 3.5, 4.0), List.of(1.5, 2.0, 3.0, 4.5)).orElseThrow();
    }

    @Test
    void exportWritesSageMakersSectionsAndTheDefaultLimit() {
        TrainingQuality q = regression();
        JsonNode stats = SageMakerModelQuality.statistics(q, mapper);
        assertThat(stats.get("dataset").get("item_count").asLong()).isEqualTo(4);
        assertThat(stats.get("regression_metrics").get("rmse").get("value").asDouble()).isEqualTo(q.primaryValue());
        assertThat(stats.get("regression_metrics").fieldNames()).toIterable()
                .containsExactly("mae", "mse", "rmse", "r2");
        JsonNode limits = SageMakerModelQuality.constraints(q, mapper);
        JsonNode rmse = limits.get("regression_constraints").get("rmse");
        assertThat(rmse.get("threshold").asDouble()).isEqualTo(q.primaryValue() * 1.2);
        assertThat(rmse.get("comparison_operator").asText()).isEqualTo("GreaterThanThreshold");
    }

    @Test
    void importReadsWhatExportWrote() {
        TrainingQuality q = regression();
        TrainingQuality back = SageMakerModelQuality.read(SageMakerModelQuality.statistics(q, mapper), "s.json",
                Optional.of(SageMakerModelQuality.constraints(q, mapper)), "c.json");
        assertThat(back.type()).isEqualTo(ProblemType.REGRESSION);
        assertThat(back.labelledRows()).isEqualTo(4);
        assertThat(back.figures().metrics()).isEqualTo(q.figures().metrics());
        assertThat(back.thresholds()).isEqualTo(Map.of("rmse", q.primaryValue() * 1.2));
        // a limit taken over is exported as it is
        assertThat(SageMakerModelQuality.exportedLimit(back)).isEqualTo(q.primaryValue() * 1.2);
    }

    @Test
    void importsABinaryBaselineOfSageMakersJob() throws Exception {
        JsonNode stats = mapper.readTree("{\"version\":0.0,\"dataset\":{\"item_count\":2000,\"evaluation_time\":"
                + "\"2026-11-01T00:00:00Z\"},\"binary_classification_metrics\":{\"confusion_matrix\":{\"0\":{\"0\":900,"
                + "\"1\":100},\"1\":{\"0\":80,\"1\":920}},\"recall\":{\"value\":0.92,\"standard_deviation\":0.004},"
                + "\"accuracy\":{\"value\":0.91,\"standard_deviation\":0.003},\"auc\":{\"value\":0.95,"
                + "\"standard_deviation\":0.002}}}");
        JsonNode limits = mapper.readTree("{\"version\":0.0,\"binary_classification_constraints\":{\"accuracy\":"
                + "{\"threshold\":0.88,\"comparison_operator\":\"LessThanThreshold\"},\"f1\":{\"threshold\":0.8,"
                + "\"comparison_operator\":\"LessThanThreshold\"}}}");
        TrainingQuality q = SageMakerModelQuality.read(stats, "statistics.json", Optional.of(limits),
                "constraints.json");
        assertThat(q.type()).isEqualTo(ProblemType.BINARY);
        assertThat(q.primaryValue()).isEqualTo(0.91);
        assertThat(q.labelledRows()).isEqualTo(2000);
        assertThat(q.thresholds()).containsEntry("accuracy", 0.88).containsEntry("f1", 0.8);
        assertThat(SageMakerModelQuality.exportedLimit(q)).isEqualTo(0.88);
    }

    @Test
    void badFilesFailNamingFileAndPath() throws Exception {
        assertThatThrownBy(() -> SageMakerModelQuality.read(mapper.readTree("{\"version\":0,\"features\":[]}"),
                "stats.json", Optional.empty(), "-")).hasMessageContaining("stats.json: $: no model-quality metrics");
        assertThatThrownBy(() -> SageMakerModelQuality.read(mapper.readTree("{\"dataset\":{\"item_count\":5},"
                + "\"regression_metrics\":{\"mae\":{\"value\":1.0}}}"), "stats.json", Optional.empty(), "-"))
                .hasMessageContaining("stats.json: $.regression_metrics: has no rmse");
        assertThatThrownBy(() -> SageMakerModelQuality.read(mapper.readTree("{\"dataset\":{\"item_count\":5},"
                + "\"regression_metrics\":{\"rmse\":{\"value\":\"x\"}}}"), "stats.json", Optional.empty(), "-"))
                .hasMessageContaining("stats.json: $.regression_metrics.rmse.value");
        assertThatThrownBy(() -> SageMakerModelQuality.read(SageMakerModelQuality.statistics(regression(), mapper),
                "s.json", Optional.of(mapper.readTree("{\"binary_classification_constraints\":{}}")), "c.json"))
                .hasMessageContaining("c.json: $: no regression_constraints");
    }
}
