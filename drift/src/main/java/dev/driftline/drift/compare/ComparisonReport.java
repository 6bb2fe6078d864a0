package dev.driftline.drift.compare;

import dev.driftline.drift.dataquality.Violation;
import dev.driftline.drift.decision.DatasetDecision;
import java.util.List;
import java.util.Map;

/** The result of comparing a current sample with a reference: per feature, the dataset verdict, violations. */
public record ComparisonReport(Map<String, FeatureComparison> features, DatasetDecision decision,
                               List<Violation> violations, boolean sketchMode) {
    public ComparisonReport {
        features = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(features));
        violations = List.copyOf(violations);
    }
}
