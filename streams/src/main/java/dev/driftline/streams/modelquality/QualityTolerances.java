package dev.driftline.streams.modelquality;

import dev.driftline.drift.modelquality.TrainingQuality;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How much worse than its training-time quality a window may be before it is {@code degraded}, per metric and
 * optionally per model: for metrics where higher is better (accuracy) in absolute points ({@code 0.05}: five points
 * below), for error metrics (RMSE) relative to the training value ({@code 0.2}: 20 % above).
 *
 * @param defaults metric → tolerance for every model (default accuracy 0.05, rmse 0.2)
 * @param perModel model → metric → tolerance, overriding {@code defaults}
 */
public record QualityTolerances(Map<String, Double> defaults, Map<String, Map<String, Double>> perModel) {
    /** The metrics a tolerance can be given for: the primary metrics of the problem types. */
    public static final Set<String> METRICS = Set.of("accuracy", "rmse");

    public QualityTolerances {
        defaults = Map.copyOf(defaults);
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        perModel.forEach((m, t) -> copy.put(m, Map.copyOf(t)));
        perModel = Map.copyOf(copy);
        defaults.forEach(QualityTolerances::validate);
        perModel.values().forEach(t -> t.forEach(QualityTolerances::validate));
    }

    public static QualityTolerances standard() {
        return new QualityTolerances(Map.of("accuracy", TrainingQuality.DEFAULT_ACCURACY_TOLERANCE, "rmse",
                TrainingQuality.DEFAULT_RMSE_TOLERANCE), Map.of());
    }

    /** The tolerance of {@code metric} for {@code model}, or null when none is set. */
    public Double of(String model, String metric) {
        Map<String, Double> own = perModel.get(model);
        if (own != null && own.containsKey(metric)) {
            return own.get(metric);
        }
        return defaults.get(metric);
    }

    private static void validate(String metric, Double tolerance) {
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("no tolerance for metric '" + metric + "': one of " + METRICS);
        }
        if (tolerance == null || !(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("the tolerance of " + metric + " must be a finite number >= 0");
        }
    }
}
