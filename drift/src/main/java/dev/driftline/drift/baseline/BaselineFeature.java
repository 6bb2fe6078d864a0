package dev.driftline.drift.baseline;

import dev.driftline.drift.dataquality.FeatureConstraint;
import dev.driftline.drift.model.FeatureType;
import dev.driftline.drift.profile.FeatureProfile;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One column of a baseline: its profile (the mergeable sketches the streaming path compares windows with), the
 * reference bins (deciles of the training data, exact when built from data), category frequencies, and the
 * constraints the data-quality checks enforce.
 */
public record BaselineFeature(String name, FeatureType type, Role role, FeatureProfile profile,
                              List<Double> referenceBins, Map<String, Long> categoryFrequencies,
                              FeatureConstraint constraint) {

    /** What the column is to the model. */
    public enum Role {
        FEATURE, LABEL, PREDICTION;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public BaselineFeature {
        referenceBins = List.copyOf(referenceBins);
        categoryFrequencies = Map.copyOf(categoryFrequencies);
        if (profile.type() != type) {
            throw new IllegalArgumentException("feature " + name + ": profile of type " + profile.type()
                    + " for a " + type + " feature");
        }
    }
}
