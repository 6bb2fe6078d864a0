package dev.driftline.drift.baseline;

import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.MonitoringConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model's training data looked like: per column profile, reference bins, category frequencies and
 * constraints, plus the check thresholds. Windows are compared against it. Stored as JSON
 * ({@code BaselineCodec} in contracts, format version {@link #FORMAT_VERSION}).
 */
public record Baseline(String model, Instant createdAt, String source, long rows, List<BaselineFeature> features,
                       MonitoringConfig monitoringConfig) {
    public static final int FORMAT_VERSION = 1;

    public Baseline {
        features = List.copyOf(features);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (BaselineFeature f : features) {
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("baseline of " + model + " lists column " + f.name() + " twice");
            }
        }
    }

    public Optional<BaselineFeature> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Columns with a given role (the input features, the label, the prediction). */
    public List<BaselineFeature> withRole(BaselineFeature.Role role) {
        return features.stream().filter(f -> f.role() == role).toList();
    }

    /** Constraints of every column, for the data-quality checks. */
    public Map<String, FeatureConstraint> constraints() {
        Map<String, FeatureConstraint> out = new LinkedHashMap<>();
        features.forEach(f -> out.put(f.name(), f.constraint()));
        return out;
    }
}
