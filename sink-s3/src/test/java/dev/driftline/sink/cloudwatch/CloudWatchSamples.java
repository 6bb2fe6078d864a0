package dev.driftline.sink.cloudwatch;

import dev.driftline.contracts.drift.DriftReport;
import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.dataquality.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Windows with known figures for the CloudWatch tests. */
final class CloudWatchSamples {
    private CloudWatchSamples() {
    }

    /** age: KS 0.27 (drifted), 10 of 200 missing; city: L-inf 0.05; one completeness and two drift violations. */
    static DriftReport report(String model, long start, long end, int revision) {
        Map<String, DriftReport.FeatureDrift> f = new LinkedHashMap<>();
        f.put("age", new DriftReport.FeatureDrift("numeric", "feature", 2000, 190,
                Map.of("ks_statistic", 0.27, "ks_pvalue", 0.001, "psi", 0.4), List.of(1.0, 2.0), "integral", 10, 0,
                "ks", 0.1, "drift", true));
        f.put("city", new DriftReport.FeatureDrift("categorical", "feature", 2000, 200,
                Map.of("linf", 0.05, "psi", 0.02), List.of(), "string", 0, 0, "linf", 0.1, "no_drift", false));
        f.put("score", new DriftReport.FeatureDrift("numeric", "prediction", 2000, 0,
                Map.of("ks_statistic", Double.NaN), List.of(), "fractional", 200, 0, "ks", Double.NaN,
                "insufficient_data", false));
        return new DriftReport(model, start, end, revision, 200, DriftReport.Status.EVALUATED, start - 1000,
                DriftReport.Reference.baseline(), f, true, 1, 2, 0.5,
                List.of(new Violation("age", "baseline_drift_check", "Numerical distance: 0.27"),
                        new Violation("score", "completeness_check", "completeness 0.0"),
                        new Violation("city", "baseline_drift_check", "x")));
    }

    static ModelQualityWindow quality(String model, String version, long start, long end) {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("accuracy", 0.82);
        m.put("precision", 0.75);
        m.put("recall", 0.6);
        m.put("f1", 0.6667);
        m.put("auc", Double.NaN);
        m.put("true_positives", 30L);
        return new ModelQualityWindow(model, version, start, end, 1, "binary_classification", 100, 0, m, "accuracy",
                0.82, 0.9, ModelQualityWindow.CONFIGURED, null, ModelQualityWindow.DEGRADED, end + 5);
    }
}
