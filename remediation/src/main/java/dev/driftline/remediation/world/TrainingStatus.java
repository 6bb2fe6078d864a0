package dev.driftline.remediation.world;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a training run is.
 *
 * @param phase    in progress, completed or failed
 * @param metrics  on completion: the final metrics (SageMaker {@code FinalMetricDataList}, pipeline outputs or the
 *                 command's {@code metrics.json}); names as the trainer wrote them, {@code serving_<metric>} for the
 *                 serving model's figure on the same holdout
 * @param artifact on completion: the model artifact URI
 * @param reason   on failure: why
 */
public record TrainingStatus(Phase phase, Map<String, Double> metrics, String artifact, String reason) {
    public enum Phase { IN_PROGRESS, COMPLETED, FAILED }

    public TrainingStatus {
        metrics = metrics == null ? Map.of() : Map.copyOf(new TreeMap<>(metrics));
    }

    public static TrainingStatus inProgress() {
        return new TrainingStatus(Phase.IN_PROGRESS, Map.of(), null, null);
    }

    public static TrainingStatus completed(Map<String, Double> metrics, String artifact) {
        return new TrainingStatus(Phase.COMPLETED, metrics, artifact, null);
    }

    public static TrainingStatus failed(String reason) {
        return new TrainingStatus(Phase.FAILED, Map.of(), null, reason);
    }
}
