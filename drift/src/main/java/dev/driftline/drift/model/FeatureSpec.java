package dev.driftline.drift.model;

import java.util.Objects;

/**
 * One feature of a model's input: its name as it appears in inference payloads and its type.
 *
 * @param name non-blank feature name (column name, or {@code _c0}, {@code _c1} … for headerless CSV, as SageMaker)
 * @param type how the feature is profiled and compared
 */
public record FeatureSpec(String name, FeatureType type) {
    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("feature name must not be blank");
        }
    }
}
