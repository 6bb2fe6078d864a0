package dev.driftline.streams.meters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.driftline.contracts.modelquality.ModelQualityWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelQualityMetersTest {
    static ModelQualityWindow window(String version, String status, double accuracy) {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("labelled_rows", 120L);
        metrics.put("accuracy", accuracy);
        metrics.put("f1", 0.5);
        metrics.put("auc", Double.NaN);
        return new ModelQualityWindow("churn", version, 0, 300_000, 1, "binary_classification", 120, 0, metrics,
                "accuracy", accuracy, 0.8, ModelQualityWindow.CONFIGURED, null, status, 400_000);
    }

    @Test
    void theModelsFiguresOfItsLatestWindowNotCanariesCountsOrUndefinedOnes() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        PipelineMeters m = new PipelineMeters(r);
        m.onModelQuality(window("", ModelQualityWindow.OK, 0.91));
        m.onModelQuality(window("candidate", ModelQualityWindow.DEGRADED, 0.4)); // a canary's window
        m.onModelQuality(window("", ModelQualityWindow.INSUFFICIENT_LABELS, 0.1));
        assertThat(r.get("driftline.model.quality").tags("model", "churn", "metric", "accuracy").gauge().value())
                .isEqualTo(0.91);
        assertThat(r.get("driftline.model.quality").tags("model", "churn", "metric", "f1").gauge().value())
                .isEqualTo(0.5);
        assertThat(r.find("driftline.model.quality").tag("metric", "labelled_rows").gauge()).isNull();
        assertThat(r.find("driftline.model.quality").tag("metric", "auc").gauge()).isNull();
        m.onModelQuality(window("", ModelQualityWindow.DEGRADED, 0.7));
        assertThat(r.get("driftline.model.quality").tags("model", "churn", "metric", "accuracy").gauge().value())
                .isEqualTo(0.7);
    }
}
