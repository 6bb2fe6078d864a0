package dev.driftline.streams.modelquality;

import dev.driftline.contracts.modelquality.ModelQualityWindow;
import dev.driftline.drift.modelquality.ProblemType;
import dev.driftline.drift.modelquality.TrainingQuality;
import java.util.Optional;

/**
 * The limit a window's primary metric is judged against and where it comes from ({@link #resolve}).
 *
 * @param value         min accuracy / max RMSE
 * @param source        {@link ModelQualityWindow#CONFIGURED}, {@code BASELINE_CONSTRAINT}, {@code BASELINE_RELATIVE}
 *                      or {@code DEFAULT}
 * @param baselineValue the training-time value of the metric, or null without a baseline quality of this metric
 */
record QualityThreshold(double value, String source, Double baselineValue) {
    /**
     * The threshold of {@code model}'s window of {@code type}, in this order: a configured per-model threshold; a
     * limit of the primary metric imported with the baseline; the baseline's training-time value with the tolerance
     * ({@link QualityTolerances}); the default minimum accuracy (classification only); else none. The baseline
     * counts only when it judged the same primary metric (a regression baseline says nothing of accuracy).
     */
    static Optional<QualityThreshold> resolve(String model, ProblemType type, ModelQualityConfig config,
                                              Optional<TrainingQuality> baseline) {
        String metric = type.primaryMetric();
        Optional<TrainingQuality> same = baseline.filter(q -> q.type().primaryMetric().equals(metric));
        Double trained = trainedValue(type, baseline);
        Double configured = config.thresholds().get(model);
        if (configured != null) {
            return Optional.of(new QualityThreshold(configured, ModelQualityWindow.CONFIGURED, trained));
        }
        Double imported = same.map(q -> q.thresholds().get(metric)).orElse(null);
        if (imported != null) {
            return Optional.of(new QualityThreshold(imported, ModelQualityWindow.BASELINE_CONSTRAINT, trained));
        }
        Double tolerance = config.tolerances().of(model, metric);
        if (trained != null && tolerance != null) {
            return Optional.of(new QualityThreshold(same.get().relativeLimit(tolerance),
                    ModelQualityWindow.BASELINE_RELATIVE, trained));
        }
        if (type != ProblemType.REGRESSION && config.defaultMinAccuracy().isPresent()) {
            return Optional.of(new QualityThreshold(config.defaultMinAccuracy().getAsDouble(),
                    ModelQualityWindow.DEFAULT, trained));
        }
        return Optional.empty();
    }

    /** The training-time value of {@code type}'s primary metric, or null when the baseline has none. */
    static Double trainedValue(ProblemType type, Optional<TrainingQuality> baseline) {
        return baseline.filter(q -> q.type().primaryMetric().equals(type.primaryMetric()))
                .map(TrainingQuality::primaryValue).filter(Double::isFinite).orElse(null);
    }
}
