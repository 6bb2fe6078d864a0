package dev.driftline.drift.decision;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verdicts of one window: per feature, the share of judged features that drifted, and whether that share
 * reached the policy's dataset-drift level.
 */
public record DatasetDecision(Map<String, FeatureDecision> features, int judged, int drifted, double driftedShare,
                              boolean datasetDrift) {
    public DatasetDecision {
        // Keep the caller's (the decider's: the input's) feature order; Map.copyOf would scramble it.
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }
}
