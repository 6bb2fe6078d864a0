package dev.driftline.drift.baseline;

import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.dataquality.MonitoringConfig;
import dev.driftline.drift.modelquality.TrainingQuality;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model's training data looked like: per column profile, reference bins, category frequencies and
 * constraints, plus the check thresholds and, when the training data had labels and predictions, the model's
 * training-time quality (the reference of the model-quality windows). Windows are compared against it. Stored as JSON
 * ({@code BaselineCodec} in contracts, format version {@link #FORMAT_VERSION}).
 */
public record Baseline(String model, Instant createdAt, String source, long rows, List<BaselineFeature> features,
                       MonitoringConfig monitoringConfig, Optional<TrainingQuality> modelQuality) {
    public static final int FORMAT_VERSION = 1;

    public Baseline {
        features = List.copyOf(features);
        java.util.Objects.requireNonNull(modelQuality, "modelQuality");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (BaselineFeature f : features) {
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("baseline of " + model + " lists column " + f.name() + " twice");
            }
        }
    }

    /** A baseline without the model's training-time quality. */
    public Baseline(String model, Instant createdAt, String source, long rows, List<BaselineFeature> features,
                    MonitoringConfig monitoringConfig) {
        this(model, createdAt, source, rows, features, monitoringConfig, Optional.empty());
    }

    /** The same baseline with another training-time quality. */
    public Baseline withModelQuality(Optional<TrainingQuality> quality) {
        return new Baseline(model, createdAt, source, rows, features, monitoringConfig, quality);
    }

    /** The same baseline with other check settings. */
    public Baseline withMonitoringConfig(MonitoringConfig config) {
        return new Baseline(model, createdAt, source, rows, features, config, modelQuality);
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
