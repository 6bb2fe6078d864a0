package dev.driftline.drift.decision;

import java.util.Map;

/**
 * The verdicts of one window: per feature, the share of judged features that drifted, and whether that share
 * reached the policy's dataset-drift level.
 */
public record DatasetDecision(Map<String, FeatureDecision> features, int judged, int drifted, double driftedShare,
                              boolean datasetDrift) {
    public DatasetDecision {
        features = Map.copyOf(features);
    }
}
